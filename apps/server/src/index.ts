export * from './config/schema.js';
export * from './config/load.js';
export * from './db/database.js';
export * from './db/migrate.js';
export * from './container.js';
export * from './master-key.js';
export * from './server.js';
export * from './http/app.js';
export type { ServerContext } from './http/context.js';
