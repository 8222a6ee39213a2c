// bom
const x: number = 1;

/* c */
