int a;
// c

int b;int c;
/* x
 y */
