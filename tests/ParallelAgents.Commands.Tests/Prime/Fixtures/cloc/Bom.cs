using System;
// BOM and CRLF
class Bom { }
