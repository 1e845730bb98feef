/** @type {import('next').NextConfig} */
const nextConfig = {
  // Bundled PGlite cannot find its wasm and data files; load both packages from node_modules at run time. The job
  // queue and the mailer (started from instrumentation.ts) are plain Node libraries: no reason to bundle them.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "@node-rs/argon2", "pg-boss", "nodemailer"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with HTTP 403.
    authInterrupts: true,
    // Uploads (Registration Data, forecast CSV) go through server actions. Files are capped at 10 MB
    // (MAX_UPLOAD_BYTES in lib/validation.ts): the margin lets an action refuse a slightly larger file with that limit,
    // and proxy.ts answers a larger body with the limit before Next.js reads it.
    serverActions: { bodySizeLimit: "12mb" },
    // With a proxy, Next.js keeps only this much of a request body (10 MB by default): an upload near the limit
    // would arrive cut short.
    proxyClientMaxBodySize: "12mb",
  },
  poweredByHeader: false,
  // Type errors are `npm test`'s and CI's to find (scripts/test.ts and .ci/run type-check first): a full type-check
  // inside the build cost a first `npm start` about 40 s on 2 cores. Next.js 16's build runs no linter.
  typescript: { ignoreBuildErrors: true },
  // On every response, build files included (the Content-Security-Policy, which needs a nonce per page, is proxy.ts's).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          // For browsers without CSP frame-ancestors.
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
  typedRoutes: false,
};

module.exports = nextConfig;
