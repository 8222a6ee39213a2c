const test = require('node:test');

test('handles 1000 items quickly', () => {
  let sum = 0;
  for (let i = 0; i < 1000; i++) {
    sum += i;
  }
  if (sum !== 499500) {
    throw new Error('wrong sum');
  }
});
