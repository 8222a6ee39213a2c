package main
// comment
import "fmt"
var s = `raw
// raw inside
`
/* block */
func main() { fmt.Println("/* x */") }
