'use strict';
/* header */

const s = 'a string with // inside';
const re = /\/\*/g;
const t = `line one \
line two`;

function f(a, b) { // comment
  return a /* mid */ + b;
}
// TODO: remove me
module.exports = { f, s, re, t };
