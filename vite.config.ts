import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// base './' makes the build a static site that works from any sub-path.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true },
});
