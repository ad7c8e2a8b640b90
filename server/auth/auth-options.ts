import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "../db/client";
import { loadEnv, oidcConfigured, type KeelEnv } from "../env";
import { AppError } from "../core/errors";
import { signInWithPassword } from "../services/auth/sign-in-with-password";
import { signInWithSso } from "../services/auth/sign-in-with-sso";

export const OIDC_PROVIDER_ID = "oidc";
const SESSION_HOURS = 12;

/**
 * next-auth's cookies, explicit: never readable by page scripts (HttpOnly), not sent on
 * cross-site subrequests or form posts (SameSite=Lax), and Secure — with the __Secure-/__Host-
 * name prefixes — when Keel's public URL (NEXTAUTH_URL) is https. The names are next-auth's own,
 * so sessions survive an upgrade. The OAuth check cookies (PKCE, state) follow `useSecureCookies`.
 */
export function authCookies(secure: boolean): NonNullable<NextAuthOptions["cookies"]> {
  const prefix = secure ? "__Secure-" : "";
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${secure ? "__Host-" : ""}next-auth.csrf-token`, options },
  };
}

/** Secure cookies when Keel's public URL is https (a TLS-terminating proxy in front of it). */
export function usesSecureCookies(env: KeelEnv): boolean {
  return /^https:\/\//i.test(env.NEXTAUTH_URL ?? "");
}

/** next-auth configuration: email + password for self-hosting, and the company's OIDC SSO when configured. */
export function authOptions(env: KeelEnv = loadEnv()): NextAuthOptions {
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials) {
        try {
          return await signInWithPassword(getDb(), credentials ?? {}, new Date());
        } catch (error) {
          // next-auth passes the message to the sign-in page as ?error=…
          if (error instanceof AppError) throw new Error(error.message);
          throw error;
        }
      },
    }),
  ];
  if (oidcConfigured(env)) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: env.OIDC_NAME,
      type: "oauth",
      wellKnown: `${env.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; email_verified?: boolean }) {
        return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? null, emailVerified: profile.email_verified };
      },
    });
  }
  const secureCookies = usesSecureCookies(env);
  return {
    providers,
    session: { strategy: "jwt", maxAge: SESSION_HOURS * 60 * 60 },
    useSecureCookies: secureCookies,
    cookies: authCookies(secureCookies),
    pages: { signIn: "/sign-in", error: "/sign-in" },
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        try {
          const member = await signInWithSso(
            getDb(),
            { email: user.email, name: user.name, emailVerified: (user as { emailVerified?: boolean }).emailVerified },
            new Date(),
          );
          user.id = member.id;
          return true;
        } catch (error) {
          if (error instanceof AppError) return `/sign-in?error=${encodeURIComponent(error.message)}`;
          throw error;
        }
      },
      async jwt({ token, user }) {
        if (user) token.sub = user.id; // Keel's member id (for SSO, set by signIn above)
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
