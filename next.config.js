/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled PGlite cannot find its wasm and data files; load both packages from node_modules at run time.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2"],
  // forbidden() renders app/forbidden.tsx with HTTP 403.
  experimental: { authInterrupts: true },
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
