const zlib = require("zlib");
const { parse } = require("/work/main/node_modules/.pnpm/@babel+parser@7.29.14/node_modules/@babel/parser");
const esbuild = require("esbuild");
const entry = process.argv[2];
esbuild.build({ stdin: { contents: entry, resolveDir: process.cwd() }, bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent" }).then((r) => {
  const code = r.outputFiles[0].text;
  const gz = (t) => zlib.gzipSync(t, { level: 9 }).length;
  const total = gz(code);
  const ast = parse(code, { sourceType: "module" });
  const rows = [];
  const visit = (nodes, depth) => {
    for (const n of nodes) {
      const cut = code.slice(0, n.start) + code.slice(n.end);
      const name = (n.id?.name ?? n.declarations?.map((d) => d.id.name).join(",") ?? n.type) ;
      rows.push([total - gz(cut), n.end - n.start, code.slice(n.start, n.start + 70).replace(/\n/g, " ")]);
    }
  };
  visit(ast.program.body, 0);
  // also inner statements of the largest function
  rows.sort((a, b) => b[0] - a[0]);
  console.log("total gz", total, "min", code.length);
  for (const r of rows.slice(0, 40)) console.log(String(r[0]).padStart(5), String(r[1]).padStart(6), r[2]);
  if (process.argv[3]) {
    const fnName = process.argv[3];
    const fn = ast.program.body.find((n) => n.type === "FunctionDeclaration" && n.id.name === fnName);
    const inner = [];
    for (const st of fn.body.body) inner.push([total - gz(code.slice(0, st.start) + code.slice(st.end)), st.end - st.start, code.slice(st.start, st.start + 90)]);
    inner.sort((a, b) => b[0] - a[0]);
    console.log("--- inside", fnName);
    for (const r of inner) console.log(String(r[0]).padStart(5), String(r[1]).padStart(6), r[2]);
  }
});
