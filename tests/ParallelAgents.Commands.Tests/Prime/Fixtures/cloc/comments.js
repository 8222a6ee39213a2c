// c
const a = "// no"; /* yes */
const t = `template
// in template
`;
/* multi
 * line */
const r = /\/\*/; // regex
