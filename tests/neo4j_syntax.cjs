// Check Cypher texts with Neo4j's own parser and semantic analysis (Cypher 5), without a server:
// reads [{name, text}] as JSON on stdin, writes [{name, severity, message, at}] as JSON.
// Needs the npm package @neo4j-cypher/language-support (NODE_PATH may point at it).
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

// Diagnostics that need a live database to judge: declared parameters, known labels.
const NEEDS_A_DATABASE = /Parameter \$\w+ is not defined|is not present in the database/;

let input = '';
process.stdin.on('data', (chunk) => (input += chunk));
process.stdin.on('end', () => {
  const found = [];
  for (const { name, text } of JSON.parse(input)) {
    const { diagnostics } = lintCypherQuery(text, { defaultLanguage: 'CYPHER 5' });
    for (const d of diagnostics) {
      if (d.severity > 2 || NEEDS_A_DATABASE.test(d.message)) continue;
      found.push({
        name,
        severity: d.severity === 1 ? 'error' : 'warning',
        message: d.message.split('\n')[0],
        at: text.slice(d.offsets.start, d.offsets.end).slice(0, 80),
      });
    }
  }
  process.stdout.write(JSON.stringify(found));
});
