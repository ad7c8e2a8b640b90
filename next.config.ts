import type { NextConfig } from "next";
import { nextSecurityHeaderRules } from "./server/http/security-headers";

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Native and driver packages stay outside the bundle (Next 16 does this for these by default; explicit for clarity).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "bcryptjs"],
  typedRoutes: false,
  // nosniff, Referrer-Policy, Permissions-Policy, X-Frame-Options and a deny-all CSP on every
  // response, HSTS over HTTPS; proxy.ts gives pages their nonce CSP instead (server/http/security-headers.ts).
  async headers() {
    return nextSecurityHeaderRules();
  },
};

export default nextConfig;
