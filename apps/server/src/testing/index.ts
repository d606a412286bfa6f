export * from './database.js';
export * from './platform.js';
export * from './expect.js';
export * from './tamper.js';
export * from './pdf.js';
export * from './licensing.js';
export * from './holders.js';
