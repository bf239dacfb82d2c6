import { defineConfig } from "vite";

// The app is served by Tauri from ui/dist: relative paths, no inline scripts or
// styles (the content security policy forbids them), one bundle.
export default defineConfig({
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: { fs: { allow: [".."] } },
});
