import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The SDK and contract are used from their TypeScript sources (the "zhengyin-source" condition),
// so the console never needs the Node build of a workspace package.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['zhengyin-source', 'browser', 'module', 'import', 'default'] },
  build: {
    // Helpers and tests may build elsewhere so parallel builds do not overwrite each other.
    outDir: process.env.ZHENGYIN_CONSOLE_OUT ?? 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/v/': 'http://127.0.0.1:8080',
      '/dev-idp': 'http://127.0.0.1:8080',
    },
  },
});
