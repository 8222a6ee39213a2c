// A small, safe Markdown renderer for reports: HTML in the source is escaped before anything else, so the output
// only ever contains the tags this file writes. Supports headings, paragraphs, block quotes, fenced code, tables
// (with alignment), ordered and unordered (nested) lists, rules, inline code, emphasis, strikethrough and links
// (http, https, mailto and relative only).

const ENTITY = /&(?:lt|gt|amp|quot|apos|#39|#\d{1,7}|#x[0-9a-fA-F]{1,6});/y;

/** Escapes &, <, >, " and ' (text and attribute safe). */
export function escapeHtml(text) {
  return String(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

// Like escapeHtml, but leaves character references (&lt; written by the report writer) as they are: they can only
// ever produce text.
function escapeKeepingEntities(text) {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "&") {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(text);
      out += m ? m[0] : "&amp;";
      if (m) {
        i += m[0].length - 1;
      }
    } else if (c === "<") {
      out += "&lt;";
    } else if (c === ">") {
      out += "&gt;";
    } else if (c === '"') {
      out += "&quot;";
    } else if (c === "'") {
      out += "&#39;";
    } else {
      out += c;
    }
  }
  return out;
}

function safeUrl(raw) {
  const url = raw.trim();
  if (url.includes("&") && /&(?!amp;)/.test(url)) {
    return null; // character references could hide a scheme such as javascript&#58;
  }
  if (/[\u0000-\u001f\s]/.test(url)) {
    return null;
  }
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  if (scheme && !/^(https?|mailto)$/i.test(scheme[1])) {
    return null;
  }
  return url;
}

/** Renders inline Markdown (already one block's text) to HTML. */
export function renderInline(source) {
  const slots = [];
  const hold = (html) => `\u0000${slots.push(html) - 1}\u0000`;
  let text = String(source).replace(/\u0000/g, "");

  text = text.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, (_, __, code) => hold(`<code>${escapeHtml(code.replace(/^ (.*) $/, "$1"))}</code>`));
  text = text.replace(/\\([\\`*_{}\[\]()#+\-.!|~<>])/g, (_, c) => hold(escapeHtml(c)));
  text = escapeKeepingEntities(text);

  text = text.replace(/\[([^\]]+)\]\(([^()\s]+)(?:\s+&quot;([^"]*?)&quot;)?\)/g, (whole, label, href, title) => {
    const url = safeUrl(href);
    const inner = emphasis(label);
    if (url === null) {
      return hold(inner);
    }
    const external = /^https?:/i.test(url) ? ' rel="noopener noreferrer" target="_blank"' : "";
    const titleAttr = title ? ` title="${title}"` : "";
    return hold(`<a href="${url}"${titleAttr}${external}>${inner}</a>`);
  });
  text = emphasis(text);

  // Restore held pieces; a piece may itself hold others (a link label with code).
  for (let guard = 0; guard < 5 && text.includes("\u0000"); guard++) {
    text = text.replace(/\u0000(\d+)\u0000/g, (_, i) => slots[Number(i)]);
  }
  return text;
}

function emphasis(text) {
  return text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, "<strong>$1</strong>")
    .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, "$1<strong>$2</strong>")
    .replace(/\*(?=[^\s*])([\s\S]*?[^\s*])\*/g, "<em>$1</em>")
    .replace(/(^|[^\w])_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/g, "$1<em>$2</em>")
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "<del>$1</del>");
}

const FENCE = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^ {0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$/;
const RULE = /^ {0,3}((\*\s*){3,}|(-\s*){3,}|(_\s*){3,})$/;
const QUOTE = /^ {0,3}> ?/;
const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const TABLE_SEPARATOR = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

function isTableStart(lines, i) {
  return lines[i].includes("|") && i + 1 < lines.length && TABLE_SEPARATOR.test(lines[i + 1]) && lines[i + 1].includes("-");
}

function startsBlock(lines, i) {
  const line = lines[i];
  return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) || LIST_ITEM.test(line) || isTableStart(lines, i);
}

function splitRow(line) {
  let row = line.trim();
  if (row.startsWith("|")) {
    row = row.slice(1);
  }
  if (row.endsWith("|") && !row.endsWith("\\|")) {
    row = row.slice(0, -1);
  }
  const cells = [];
  let cell = "";
  let inCode = false;
  for (let i = 0; i < row.length; i++) {
    const c = row[i];
    if (c === "\\" && i + 1 < row.length) {
      cell += c + row[i + 1];
      i++;
    } else if (c === "`") {
      inCode = !inCode;
      cell += c;
    } else if (c === "|" && !inCode) {
      cells.push(cell.trim());
      cell = "";
    } else {
      cell += c;
    }
  }
  cells.push(cell.trim());
  return cells;
}

function renderTable(lines, start) {
  const head = splitRow(lines[start]);
  const aligns = splitRow(lines[start + 1]).map((s) => (s.startsWith(":") && s.endsWith(":") ? "center" : s.endsWith(":") ? "right" : s.startsWith(":") ? "left" : ""));
  const cell = (tag, content, i) => {
    const align = aligns[i] ? ` style="text-align:${aligns[i]}"` : "";
    return `<${tag}${align}>${renderInline(content ?? "")}</${tag}>`;
  };
  let html = "<table><thead><tr>" + head.map((c, i) => cell("th", c, i)).join("") + "</tr></thead><tbody>";
  let i = start + 2;
  for (; i < lines.length && lines[i].trim() !== "" && lines[i].includes("|"); i++) {
    const cells = splitRow(lines[i]);
    html += "<tr>" + head.map((_, c) => cell("td", cells[c], c)).join("") + "</tr>";
  }
  return { html: html + "</tbody></table>", next: i };
}

function renderList(lines, start) {
  const first = LIST_ITEM.exec(lines[start]);
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items = [];
  let i = start;
  while (i < lines.length) {
    const m = LIST_ITEM.exec(lines[i]);
    if (m && m[1].length === indent && /\d/.test(m[2]) === ordered) {
      items.push({ text: [m[3]], children: [] });
      i++;
    } else if (m && m[1].length > indent && items.length > 0) {
      const nested = renderList(lines, i);
      items[items.length - 1].children.push(nested.html);
      i = nested.next;
    } else if (!m && lines[i].trim() !== "" && /^\s+/.test(lines[i]) && items.length > 0) {
      items[items.length - 1].text.push(lines[i].trim());
      i++;
    } else {
      break;
    }
  }
  const tag = ordered ? "ol" : "ul";
  const startAttr = ordered && parseInt(first[2], 10) !== 1 ? ` start="${parseInt(first[2], 10)}"` : "";
  const body = items.map((item) => `<li>${renderInline(item.text.join(" "))}${item.children.join("")}</li>`).join("");
  return { html: `<${tag}${startAttr}>${body}</${tag}>`, next: i };
}

/** Renders a Markdown document to HTML that contains no markup from the source. */
export function renderMarkdown(source) {
  const lines = String(source ?? "").replace(/\r\n?/g, "\n").split("\n");
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
      continue;
    }

    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1];
      const code = [];
      i++;
      while (i < lines.length && !lines[i].trimStart().startsWith(marker)) {
        code.push(lines[i]);
        i++;
      }
      i++;
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : "";
      out.push(`<pre><code${lang}>${escapeHtml(code.join("\n"))}</code></pre>`);
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const level = heading[1].length;
      out.push(`<h${level}>${renderInline(heading[2] ?? "")}</h${level}>`);
      i++;
      continue;
    }

    if (RULE.test(line)) {
      out.push("<hr>");
      i++;
      continue;
    }

    if (QUOTE.test(line)) {
      const quoted = [];
      while (i < lines.length && QUOTE.test(lines[i])) {
        quoted.push(lines[i].replace(QUOTE, ""));
        i++;
      }
      out.push(`<blockquote>${renderMarkdown(quoted.join("\n"))}</blockquote>`);
      continue;
    }

    if (isTableStart(lines, i)) {
      const table = renderTable(lines, i);
      out.push(table.html);
      i = table.next;
      continue;
    }

    if (LIST_ITEM.test(line)) {
      const list = renderList(lines, i);
      out.push(list.html);
      i = list.next;
      continue;
    }

    const paragraph = [line.trim()];
    i++;
    while (i < lines.length && lines[i].trim() !== "" && !startsBlock(lines, i)) {
      paragraph.push(lines[i].trim());
      i++;
    }
    out.push(`<p>${renderInline(paragraph.join("\n"))}</p>`);
  }
  return out.join("\n");
}
