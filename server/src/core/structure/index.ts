/** Document structure: numbering markers, the heading tree, outline and folding. Shared by rules and the LSP. */
export * from './markers';
export * from './parse';
export * from './outline';
