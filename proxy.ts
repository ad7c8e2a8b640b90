/**
 * Next.js Proxy (formerly middleware): gives every page a strict Content-Security-Policy with a
 * fresh nonce. The policy goes on the request too — Next reads the nonce from the request's CSP
 * header while rendering and puts it on its own scripts — and on the response, where it replaces
 * the API policy next.config.ts sets on every path. The other security headers (nosniff,
 * Referrer-Policy, Permissions-Policy, X-Frame-Options, HSTS over HTTPS) come from next.config.ts.
 */
import { NextResponse, type NextRequest } from "next/server";
import { forwardedOverHttps, newNonce, pageContentSecurityPolicy } from "./server/http/security-headers";

export function proxy(request: NextRequest) {
  const policy = pageContentSecurityPolicy(newNonce(), {
    development: process.env.NODE_ENV === "development",
    https: forwardedOverHttps(request.headers.get("x-forwarded-proto")),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Pages only: not API routes, the service endpoints (the fast path answers them without Next
    // anyway) or static files, which keep the API policy. A page left out here would get that
    // policy and fail closed (no script runs), so the list excludes by prefix, not by guess.
    "/((?!api/|ofrep/|_next/static/|_next/image|favicon\\.svg$).*)",
  ],
};
