import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// Entry point of `report-lint-server`: the transport comes from the command line
// (--stdio, --node-ipc or --socket=PORT), as vscode-languageserver reads it.
const transports = ['--stdio', '--node-ipc', '--socket', '--pipe', '--clientProcessId'];
if (!process.argv.slice(2).some((a) => transports.some((t) => a.startsWith(t)))) {
  if (process.argv.includes('--version')) {
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev'}\n`);
    process.exit(0);
  }
  process.stderr.write('用法: report-lint-server --stdio | --node-ipc | --socket=PORT\n（语言服务器，由编辑器启动。）\n');
  process.exit(2);
}

const connection = createConnection(ProposedFeatures.all);
// A bug in a handler must not take the server down: log it to the client and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`report-lint-server 内部错误：${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`report-lint-server 内部错误：${(e as Error)?.stack ?? e}`));
startServer(connection);

declare const __VERSION__: string;
