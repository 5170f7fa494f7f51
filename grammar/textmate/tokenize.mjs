// Tokenises pathway files with a real TextMate engine (vscode-textmate on vscode-oniguruma, the
// engine VS Code uses) and prints, as JSON, each file's tokens: line, text and scopes. Used by
// compiler/tests/textmate.rs to check what `grammar/pathway.tmLanguage.json` highlights.
//
// usage: node tokenize.mjs MODULES_DIR GRAMMAR FILE...
//   MODULES_DIR: a folder whose node_modules holds vscode-textmate and vscode-oniguruma
//   (`.ci/run` installs them with `npm install --prefix MODULES_DIR`).

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const [modules, grammarPath, ...files] = process.argv.slice(2);
const require = createRequire(resolve(modules, 'tokenize.cjs'));
const textmate = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));

const registry = new textmate.Registry({
  onigLib: Promise.resolve({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text) => new oniguruma.OnigString(text),
  }),
  loadGrammar: async (scopeName) =>
    scopeName === 'source.pathway'
      ? textmate.parseRawGrammar(readFileSync(grammarPath, 'utf8'), grammarPath)
      : null,
});

const grammar = await registry.loadGrammar('source.pathway');
if (!grammar) {
  console.error(`no grammar for source.pathway in ${grammarPath}`);
  process.exit(1);
}

const result = {};
for (const file of files) {
  const lines = readFileSync(file, 'utf8').split('\n');
  let state = textmate.INITIAL;
  const tokens = [];
  lines.forEach((line, index) => {
    const tokenised = grammar.tokenizeLine(line, state);
    for (const token of tokenised.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      if (text.trim() !== '') {
        tokens.push({ line: index + 1, text, scopes: token.scopes });
      }
    }
    state = tokenised.ruleStack;
  });
  result[file] = tokens;
}
process.stdout.write(JSON.stringify(result));
