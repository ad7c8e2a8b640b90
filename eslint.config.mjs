import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/** The layering of ARCHITECTURE.md, made checkable. */
const NODE_BUILTINS = ["fs", "path", "crypto", "child_process", "http", "https", "net", "os", "url", "util", "stream", "process", "worker_threads"];
const coreBoundary = {
  files: ["server/core/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: "^node:", message: "server/core is pure: no Node built-ins (pass values in from services)." },
          { regex: "^(@prisma/|prisma|\\.\\./db|\\.\\./\\.\\./db|.*server/db)", message: "server/core is pure: data access lives in server/db." },
          { regex: "^(next|next/.*|next-auth.*|react|react-dom)$", message: "server/core is pure: no framework imports." },
          { regex: "^(\\.\\./)+(services|api|auth|http)(/|$)", message: "server/core must not depend on outer layers." },
        ],
        paths: NODE_BUILTINS.map((name) => ({ name, message: "server/core is pure: no Node built-ins." })),
      },
    ],
    "no-restricted-properties": [
      "error",
      { object: "Date", property: "now", message: "server/core takes time as a parameter (no Date.now())." },
      { object: "Math", property: "random", message: "server/core is deterministic (no Math.random())." },
    ],
    "no-restricted-globals": ["error", { name: "process", message: "server/core does not read the environment." }],
  },
};
const prismaOnlyInDb = {
  files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}", "server/services/**/*.ts", "server/api/**/*.ts", "server/auth/**/*.ts"],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { regex: "^@prisma/", message: "Only server/db touches Prisma." },
          { regex: "generated/(sqlite|pg)", message: "Only server/db touches the generated Prisma clients." },
        ],
      },
    ],
  },
};

const config = [
  { ignores: [".next/**", ".keel/**", "node_modules/**", "server/db/generated/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  coreBoundary,
  prismaOnlyInDb,
];

export default config;
