// bench/typst/compile.mjs: one Typst compile as a whole process, for hyperfine in bench/run.
//   node compile.mjs IN.typ OUT.pdf FONTDIR
// The compiler is typst.ts's Node binding of Typst (npm @myriaddreamin/typst-ts-node-compiler,
// pinned in bench/typst/package-lock.json); fonts only from FONTDIR (the pinned IPAex files).
import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const [input, output, fonts] = process.argv.slice(2);
const compiler = NodeCompiler.create({ workspace: dirname(resolve(input)), fontArgs: [{ fontPaths: [fonts] }] });
const doc = compiler.compile({ mainFileContent: readFileSync(input, 'utf8') });
const err = doc.takeError?.();
if (err || !doc.result) {
  doc.printErrors?.();
  process.exit(1);
}
writeFileSync(output, compiler.pdf(doc.result));
