/**
 * The synthetic repository of part 5 (scan-bench.ts), generated from a seed so every run scans the
 * same bytes: a monorepo of source files (TS, TSX, JS, Python, Go) whose sizes follow a log-normal
 * law (median ~4 KB, 1–30 KB), a small share of them calling flags by key as services do, and the
 * things a scanner must leave alone: node_modules/ and .gitignore'd dist/ folders (which also
 * hold flag keys) and binary files (with a key after their NUL bytes).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

export type RepositorySpec = {
  seed: number;
  sourceFiles: number;
  /** files in node_modules/ and dist/ folders, which a scan must skip */
  ignoredFiles: number;
  flagKeys: number;
  /** share of the source files that reference flags */
  referencingShare: number;
};

export const DEFAULT_SPEC: RepositorySpec = { seed: 16, sourceFiles: 10_000, ignoredFiles: 10_000, flagKeys: 500, referencingShare: 0.02 };

export type GeneratedRepository = {
  root: string;
  flagKeys: string[];
  /** every text file a scan should read: the source files, .gitignore, package.json, README.md */
  textFiles: number;
  sourceFiles: number;
  /** root-relative paths, sorted */
  binaryFiles: string[];
  ignoredFiles: number;
  /** bytes of the text files a scan reads, and of the ignored files */
  bytes: number;
  ignoredBytes: number;
  referencingFiles: number;
  /** references a scan with the default patterns must find (in the files it reads) */
  plantedReferences: number;
  /** references in node_modules/ and dist/: found by a scanner that did not skip them */
  plantedInIgnored: number;
  /** distinct keys among the planted references */
  keysReferenced: number;
  /** lines that name a key without being a reference (a comment, "key-v2"): grep matches them, a scan does not */
  decoys: number;
  medianFileBytes: number;
};

/** mulberry32: a small, fast, seeded generator. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  "account address admin alert analytics api app audit auth avatar badge banner billing button cache card cart " +
  "catalog chart checkout client config consent context coupon currency customer dashboard data date delivery " +
  "dialog discount draft email error event export feed filter footer form gateway grid header history image " +
  "import inventory invoice item label layout ledger limit link list loader locale login logger menu message " +
  "metric modal notice order page panel payment plan policy price product profile promo query queue quote " +
  "rate receipt record refund region report request result review role route rule schedule search session " +
  "setting shipment signup sku slot status stock store subscription summary support table tag tax team theme " +
  "ticket token tooltip trial upload user variant vendor view wallet webhook widget"
).split(" ");
const AREAS = "checkout search onboarding billing pricing catalog cart profile payments shipping dashboard reports".split(" ");
const FEATURES = "redesign new-flow v2-api dark-mode quick-buy smart-sort beta recommendations instant-refund one-click".split(" ");

const capital = (w: string) => w[0]!.toUpperCase() + w.slice(1);

/** Keys such as `checkout-redesign-042`: well-formed flag keys that no filler string can equal. */
export function flagKeyList(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${AREAS[i % AREAS.length]}-${FEATURES[Math.floor(i / AREAS.length) % FEATURES.length]}-${String(i).padStart(3, "0")}`);
}

type Language = "ts" | "tsx" | "js" | "py" | "go";

class Writer {
  readonly pick: <T>(items: readonly T[]) => T;
  readonly int: (low: number, high: number) => number;
  constructor(readonly rand: () => number) {
    this.pick = (items) => items[Math.floor(rand() * items.length)]!;
    this.int = (low, high) => low + Math.floor(rand() * (high - low + 1));
  }
  word = () => this.pick(WORDS);
  camel = () => `${this.word()}${capital(this.word())}`;
  type = () => `${capital(this.word())}${capital(this.word())}`;
  snake = () => `${this.word()}_${this.word()}`;
  /** a string literal's content: a message, a path, a css class or a key-like name that is no flag */
  text = () =>
    this.pick([
      () => `${this.word()}-${this.word()}`,
      () => `/api/v1/${this.word()}s/${this.word()}`,
      () => `could not load the ${this.word()} ${this.word()}`,
      () => `${this.word()}.${this.word()}`,
      () => `${capital(this.word())} ${this.word()}`,
      () => this.word(),
    ])();
}

/** Filler code in the language's style, a statement per line. */
function statement(w: Writer, language: Language): string {
  const q = language === "py" ? (w.rand() < 0.5 ? "'" : '"') : '"';
  const s = () => `${q}${w.text()}${q}`;
  switch (language) {
    case "ts":
    case "tsx":
    case "js":
      return w.pick([
        () => `const ${w.camel()} = await ${w.word()}Client.${w.camel()}(${w.camel()}, { ${w.word()}: ${s()} });`,
        () => `if (!${w.camel()}.${w.word()}) throw new Error(${s()});`,
        () => `const ${w.camel()} = ${w.camel()}.filter((${w.word()}) => ${w.word()}.${w.word()} !== ${s()}).map((x) => x.${w.word()});`,
        () => `logger.info(${s()}, { ${w.word()}Id: ${w.camel()}.id, count: ${w.int(0, 500)} });`,
        () => `${w.camel()}.set(${s()}, ${w.camel()} ?? ${w.int(0, 99)});`,
        () => `return { ...${w.camel()}, ${w.word()}: ${w.camel()}.${w.word()} ?? ${s()} };`,
        () => `// ${capital(w.word())} the ${w.word()} before the ${w.word()} is ${w.word()}ed (see ${w.word()}.md).`,
        () => `const url = \`/api/v1/${w.word()}s/\${${w.camel()}}/${w.word()}\`;`,
        () => `for (const ${w.word()} of ${w.camel()}) total += ${w.word()}.${w.word()} * ${w.int(1, 9)};`,
        () => `await ${w.camel()}(${w.int(0, 999)}, ${s()}, ${w.rand() < 0.5 ? "true" : "false"});`,
      ])();
    case "py":
      return w.pick([
        () => `${w.snake()} = self.${w.snake()}(${w.word()}, ${w.word()}=${s()})`,
        () => `if not ${w.snake()}:\n            raise ValueError(${s()})`,
        () => `logger.info(${s()}, extra={"${w.word()}_id": ${w.word()}.id})`,
        () => `${w.snake()} = [x.${w.word()} for x in ${w.snake()} if x.${w.word()} != ${s()}]`,
        () => `# ${capital(w.word())} the ${w.word()} before the ${w.word()} is ${w.word()}ed.`,
        () => `return {${s()}: ${w.snake()}, ${s()}: ${w.int(0, 999)}}`,
        () => `total += ${w.word()}.${w.word()} * ${w.int(1, 9)}`,
      ])();
    case "go":
      return w.pick([
        () => `${w.camel()}, err := s.${w.type()}(ctx, ${w.camel()}, ${s()})`,
        () => `if err != nil {\n\t\treturn nil, fmt.Errorf(${q}${w.word()} %s: %w${q}, ${w.camel()}, err)\n\t}`,
        () => `log.Info(${s()}, ${q}${w.word()}${q}, ${w.camel()}.ID, ${q}count${q}, ${w.int(0, 500)})`,
        () => `// ${capital(w.word())} the ${w.word()} before the ${w.word()} is ${w.word()}ed.`,
        () => `${w.camel()}[${s()}] = ${w.camel()}.${w.type()}`,
        () => `total += ${w.word()}.${w.type()} * ${w.int(1, 9)}`,
      ])();
  }
}

/** A file's lines: a header, then functions (or components) of filler statements up to `size` bytes. */
function fillerLines(w: Writer, language: Language, size: number): string[] {
  const lines: string[] = [];
  let bytes = 0;
  const push = (line: string) => {
    lines.push(line);
    bytes += line.length + 1;
  };
  if (language === "py") {
    push(`"""${capital(w.word())} ${w.word()} ${w.word()}s."""`);
    push("from __future__ import annotations");
    for (let i = w.int(2, 5); i > 0; i--) push(`from ${w.word()}.${w.word()} import ${w.type()}, ${w.snake()}`);
  } else if (language === "go") {
    push(`package ${w.word()}`);
    push(`import (\n\t"context"\n\t"fmt"\n\n\t"example.com/shop/internal/${w.word()}"\n)`);
  } else {
    for (let i = w.int(2, 6); i > 0; i--) push(`import { ${w.type()}, ${w.camel()} } from "${w.rand() < 0.5 ? "@shop" : ".."}/${w.word()}/${w.word()}";`);
  }
  push("");
  while (bytes < size) {
    const name = w.camel();
    if (language === "py") {
      push(`class ${w.type()}:`);
      push(`    def ${w.snake()}(self, ${w.word()}: ${w.type()}) -> ${w.type()}:`);
    } else if (language === "go") push(`func (s *${w.type()}) ${capital(name)}(ctx context.Context, ${w.word()} string) (*${w.type()}, error) {`);
    else if (language === "tsx") push(`export function ${capital(name)}({ ${w.word()}, ${w.word()} }: ${w.type()}Props) {`);
    else push(`export async function ${name}(${w.word()}: ${w.type()}): Promise<${w.type()}> {`);
    const indent = language === "py" ? "        " : language === "go" ? "\t" : "  ";
    for (let i = w.int(3, 14); i > 0; i--) push(indent + statement(w, language));
    if (language === "tsx") push(`  return <div className="${w.word()}-${w.word()}">{${w.word()}.${w.word()}}</div>;`);
    if (language !== "py") push("}");
    push("");
  }
  return lines;
}

/** A line that references `key` as services call flags, in the language's style (one reference per line). */
function callSite(w: Writer, language: Language, key: string): string {
  switch (language) {
    case "ts":
    case "js":
      return w.pick([
        `  const ${w.camel()} = await client.getBooleanValue("${key}", false);`,
        `  const variant = await client.getStringValue('${key}', "control", { targetingKey: user.id });`,
        `  if (flags.isOn(\`${key}\`)) return render${w.type()}();`,
        `  const res = await fetch(\`\${KEEL_URL}/ofrep/v1/evaluate/flags/${key}\`, { method: "POST", body });`,
      ]);
    case "tsx":
      return w.pick([`  const ${w.camel()} = useFlag('${key}');`, `  const enabled = useBooleanFlagValue("${key}", false);`, `      <Feature flag="${key}" fallback={<${w.type()} />}>`]);
    case "py":
      return w.pick([
        `        if client.get_boolean_value("${key}", False):`,
        `        variant = client.get_string_value('${key}', "control", ctx)`,
        `        FLAG_KEY = "${key}"`,
      ]);
    case "go":
      return w.pick([`\tenabled, _ := client.BooleanValue(ctx, "${key}", false, evalCtx)`, `\tvariant, _ := client.StringValue(ctx, "${key}", "control", evalCtx)`]);
  }
}

/** A line naming `key` that is no reference: grep finds it, a scan does not count it. */
function decoy(w: Writer, language: Language, key: string): string {
  if (w.rand() < 0.5) return `  ${language === "py" ? "#" : "//"} TODO(cleanup): remove ${key} once the launch is done`;
  return language === "py" ? `        next_key = "${key}-v2"` : language === "go" ? `\tnext := "${key}-v2"` : `  const next = "${key}-v2";`;
}

type Project = { root: string; share: number; languages: [Language, number][]; segments: string[] };

const PROJECTS: Project[] = [
  { root: "apps/web/src", share: 0.3, languages: [["tsx", 0.55], ["ts", 0.45]], segments: ["components", "pages", "hooks", "lib", "features", "api", "utils", "styles"] },
  { root: "apps/admin/src", share: 0.12, languages: [["tsx", 0.5], ["ts", 0.5]], segments: ["components", "routes", "hooks", "lib", "forms"] },
  { root: "packages", share: 0.18, languages: [["ts", 0.65], ["js", 0.35]], segments: ["src", "lib", "internal", "utils", "adapters"] },
  { root: "services/api", share: 0.12, languages: [["go", 1]], segments: ["internal", "cmd", "pkg", "handlers", "store"] },
  { root: "services/ml", share: 0.16, languages: [["py", 1]], segments: ["pipelines", "models", "features", "jobs", "tests"] },
  { root: "tools", share: 0.04, languages: [["js", 0.7], ["ts", 0.3]], segments: ["scripts", "codemods", "ci"] },
  { root: "e2e", share: 0.08, languages: [["ts", 1]], segments: ["specs", "fixtures", "pages"] },
];

const EXTENSION: Record<Language, string> = { ts: ".ts", tsx: ".tsx", js: ".js", py: ".py", go: ".go" };

function fileName(w: Writer, language: Language): string {
  if (language === "py" || language === "go") return `${w.snake()}${EXTENSION[language]}`;
  if (language === "tsx") return `${w.type()}${EXTENSION[language]}`;
  return `${w.camel()}${w.rand() < 0.15 ? ".test" : ""}${EXTENSION[language]}`;
}

/** Log-normal sizes: median ~4 KB, cut to 1–30 KB. */
function fileSize(w: Writer): number {
  const normal = Math.sqrt(-2 * Math.log(1 - w.rand())) * Math.cos(2 * Math.PI * w.rand());
  return Math.min(30_000, Math.max(1_000, Math.round(4_000 * Math.exp(0.75 * normal))));
}

/** Paths of `count` files spread over folders of ~5–30 files, 1–4 levels under the project's root. */
function layout(w: Writer, project: Project, count: number): { path: string; language: Language }[] {
  const files: { path: string; language: Language }[] = [];
  const taken = new Set<string>();
  const folders: string[] = [];
  const folderNames = (n: number) => Array.from({ length: n }, (_, i) => (i === 0 ? w.pick(project.segments) : w.word()));
  while (files.length < count) {
    let folder: string;
    do folder = [project.root, ...(project.root === "packages" ? [w.word()] : []), ...folderNames(w.int(1, 3))].join("/");
    while (folders.includes(folder));
    folders.push(folder);
    for (let n = Math.min(w.int(5, 30), count - files.length); n > 0; n--) {
      let x = w.rand();
      const language = project.languages.find(([, share]) => (x -= share) < 0)?.[0] ?? project.languages[0]![0];
      let file = `${folder}/${fileName(w, language)}`;
      for (let i = 2; taken.has(file); i++) file = file.replace(/(\d*)(\.[a-z.]+)$/, `${i}$2`);
      taken.add(file);
      files.push({ path: file, language });
    }
  }
  return files;
}

/** Writes the repository under `root` (an empty folder). */
export function generateRepository(root: string, spec: RepositorySpec = DEFAULT_SPEC): GeneratedRepository {
  const w = new Writer(random(spec.seed));
  const flagKeys = flagKeyList(spec.flagKeys);
  // a few flags are used all over, most in one or two places, many nowhere (candidates for cleanup)
  const someKey = () => flagKeys[Math.floor(Math.pow(w.rand(), 2) * flagKeys.length * 0.6)]!;
  const made = new Set<string>();
  const write = (relative: string, content: string | Buffer) => {
    const file = path.join(root, relative);
    const folder = path.dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(file, content);
    return typeof content === "string" ? Buffer.byteLength(content) : content.length;
  };

  const sources = PROJECTS.flatMap((project, i) =>
    layout(w, project, i === PROJECTS.length - 1 ? spec.sourceFiles - Math.round(spec.sourceFiles * PROJECTS.slice(0, -1).reduce((s, p) => s + p.share, 0)) : Math.round(spec.sourceFiles * project.share)),
  );
  const referencing = new Set<number>();
  while (referencing.size < Math.round(spec.sourceFiles * spec.referencingShare)) referencing.add(Math.floor(w.rand() * sources.length));

  const result: GeneratedRepository = {
    root,
    flagKeys,
    textFiles: 0,
    sourceFiles: sources.length,
    binaryFiles: [],
    ignoredFiles: 0,
    bytes: 0,
    ignoredBytes: 0,
    referencingFiles: referencing.size,
    plantedReferences: 0,
    plantedInIgnored: 0,
    keysReferenced: 0,
    decoys: 0,
    medianFileBytes: 0,
  };
  const keysUsed = new Set<string>();
  const sizes: number[] = [];
  sources.forEach((source, index) => {
    const lines = fillerLines(w, source.language, fileSize(w));
    const insert = (line: string) => lines.splice(w.int(Math.min(lines.length, 6), lines.length), 0, line);
    if (referencing.has(index)) {
      const sites = w.rand() < 0.6 ? 1 : w.rand() < 0.75 ? 2 : 3 + w.int(0, 3);
      for (let i = 0; i < sites; i++) {
        const key = someKey();
        keysUsed.add(key);
        insert(callSite(w, source.language, key));
      }
      result.plantedReferences += sites;
    }
    if (w.rand() < 0.005) {
      insert(decoy(w, source.language, someKey()));
      result.decoys += 1;
    }
    const bytes = write(source.path, lines.join("\n") + "\n");
    sizes.push(bytes);
    result.bytes += bytes;
  });
  result.keysReferenced = keysUsed.size;
  sizes.sort((a, b) => a - b);
  result.medianFileBytes = sizes[sizes.length >> 1] ?? 0;

  const other: [string, string][] = [
    [".gitignore", "# dependencies and build output\nnode_modules/\ndist/\ncoverage/\n*.log\n.env\n.DS_Store\n"],
    ["package.json", JSON.stringify({ name: "shop", private: true, workspaces: ["apps/*", "packages/*"], scripts: { build: "turbo build", test: "turbo test" } }, null, 2) + "\n"],
    ["README.md", "# shop\n\nThe storefront, the admin, the API and the ML jobs.\n"],
  ];
  for (const [file, content] of other) result.bytes += write(file, content);
  result.textFiles = sources.length + other.length;

  // binary files: NUL bytes first, then a flag key in quotes that a scan must not report
  for (const file of ["apps/web/public/logo.png", "apps/web/public/favicon.ico", "apps/web/src/styles/fonts/inter.woff2", "services/ml/models/ranker.bin", "apps/admin/src/assets/hero.webp"]) {
    const bytes = Buffer.alloc(w.int(2_000, 40_000));
    for (let i = 16; i < bytes.length; i++) bytes[i] = Math.floor(w.rand() * 256);
    bytes.write(`"${flagKeys[0]}"`, 1_024);
    write(file, bytes);
    result.binaryFiles.push(file);
  }
  result.binaryFiles.sort();

  // node_modules/ (the root's and a workspace's) and .gitignore'd dist/ folders, with flag keys in them
  const ignoredRoots = ["node_modules", "node_modules", "node_modules", "node_modules", "apps/web/node_modules", "dist", "apps/web/dist", "packages/ui/dist"];
  for (let i = 0; i < spec.ignoredFiles; i++) {
    const base = ignoredRoots[i % ignoredRoots.length]!;
    const inModules = base.endsWith("node_modules");
    const folder = inModules ? `${base}/${w.rand() < 0.2 ? "@shop/" : ""}${w.word()}-${w.word()}/${w.pick(["lib", "dist", "cjs", "esm"])}` : `${base}/${w.pick(["assets", "chunks", "server", "static/js"])}`;
    const lines = fillerLines(w, "js", fileSize(w));
    if (w.rand() < 0.1) {
      lines.splice(w.int(6, lines.length), 0, callSite(w, "js", someKey()));
      result.plantedInIgnored += 1;
    }
    result.ignoredBytes += write(`${folder}/${inModules ? w.camel() : w.word()}-${i.toString(36)}.js`, lines.join("\n") + "\n");
    result.ignoredFiles += 1;
  }
  return result;
}
