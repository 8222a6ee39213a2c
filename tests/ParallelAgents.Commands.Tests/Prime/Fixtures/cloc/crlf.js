const a = 1;

// windows line endings
const b = 2; /* c */
/* multi
line */
export { a, b };
