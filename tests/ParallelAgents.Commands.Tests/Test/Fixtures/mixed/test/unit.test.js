const test = require('node:test');
const assert = require('node:assert');

test('adds', () => {
  assert.strictEqual(1 + 1, 2);
});

test('concatenates', () => {
  assert.strictEqual('a' + 'b', 'ab');
});

test('compares', () => {
  assert.strictEqual(2 + 2, 5);
});

test('pending feature', { skip: 'not built yet' }, () => {});
