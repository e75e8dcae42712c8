// Reading a job summary as GitHub would show it, strictly: it must be
// well-formed (every tag closed, nothing like `<td><td></tr>`), under the
// runner's 1 MiB limit, and every table must have a header, rows, and the same
// number of cells, none empty, in every row. A summary that breaks a rule
// throws, naming the rule.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The runner refuses a step summary over 1 MiB. */
export const SUMMARY_LIMIT = 1024 * 1024;

export interface SummaryTable {
  headers: string[];
  rows: string[][];
}

export interface ParsedSummary {
  headings: string[];
  paragraphs: string[];
  /** Text of each <pre>. */
  pre: string[];
  /** Text of each list item. */
  items: string[];
  tables: SummaryTable[];
}

type Node = Record<string, unknown> & { ':@'?: Record<string, string> };

const tagOf = (n: Node): string => Object.keys(n).find((k) => k !== ':@')!;
const childrenOf = (n: Node): Node[] => (n[tagOf(n)] as Node[] | undefined) ?? [];

function textOf(nodes: Node[]): string {
  return nodes
    .map((n) => (tagOf(n) === '#text' ? String(n['#text']) : textOf(childrenOf(n))))
    .join('')
    .trim();
}

function tableOf(node: Node, index: number): SummaryTable {
  const where = `table ${index + 1}`;
  const parts = childrenOf(node);
  const thead = parts.find((p) => tagOf(p) === 'thead');
  const tbody = parts.find((p) => tagOf(p) === 'tbody');
  if (!thead || !tbody) throw new Error(`${where}: needs a <thead> and a <tbody>`);
  const rowsOf = (section: Node, cell: string): string[][] =>
    childrenOf(section)
      .filter((r) => tagOf(r) === 'tr')
      .map((r) =>
        childrenOf(r)
          .filter((c) => tagOf(c) === cell)
          .map((c) => textOf(childrenOf(c))),
      );
  const [headers, ...extra] = rowsOf(thead, 'th');
  if (!headers || extra.length > 0) throw new Error(`${where}: needs exactly one header row`);
  const rows = rowsOf(tbody, 'td');
  if (rows.length === 0) throw new Error(`${where} (${headers.join(', ')}): a header and no rows`);
  rows.forEach((row, r) => {
    if (row.length !== headers.length) throw new Error(`${where} row ${r + 1}: ${row.length} cells under ${headers.length} headers`);
    const empty = row.findIndex((c) => c === '');
    if (empty >= 0) throw new Error(`${where} row ${r + 1}: the ${headers[empty]} cell is empty`);
  });
  return { headers, rows };
}

export function parseSummary(summary: string): ParsedSummary {
  if (Buffer.byteLength(summary) > SUMMARY_LIMIT) throw new Error(`the summary is ${Buffer.byteLength(summary)} bytes; the runner refuses more than 1 MiB`);
  const doc = `<summary>${summary}</summary>`;
  const valid = XMLValidator.validate(doc);
  if (valid !== true) throw new Error(`the summary is not well-formed: ${valid.err.msg} (line ${valid.err.line})`);
  const tree = new XMLParser({ preserveOrder: true, ignoreAttributes: false, trimValues: false, parseTagValue: false }).parse(doc) as Node[];
  const out: ParsedSummary = { headings: [], paragraphs: [], pre: [], items: [], tables: [] };
  const walk = (nodes: Node[]): void => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (/^h[1-6]$/.test(tag)) out.headings.push(textOf(childrenOf(n)));
      else if (tag === 'p') out.paragraphs.push(textOf(childrenOf(n)));
      else if (tag === 'pre') out.pre.push(textOf(childrenOf(n)));
      else if (tag === 'li') out.items.push(textOf(childrenOf(n)));
      else if (tag === 'table') out.tables.push(tableOf(n, out.tables.length));
      else if (tag !== '#text') walk(childrenOf(n));
    }
  };
  walk(childrenOf(tree[0]!));
  return out;
}
