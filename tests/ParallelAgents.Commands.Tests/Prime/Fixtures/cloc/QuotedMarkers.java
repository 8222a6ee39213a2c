class H {
  String s = "/* not a comment";
  int a = 1; // x
  String t = "*/";
}
