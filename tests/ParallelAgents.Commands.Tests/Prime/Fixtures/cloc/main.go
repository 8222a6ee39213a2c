// Package fixtures is a test fixture.
package fixtures

import (
	"fmt"
	"strings"
)

/*
Block comment
*/
func Join(parts []string) string {
	s := strings.Join(parts, "/*") // not a comment start in Go, but cloc says so
	return fmt.Sprint(s) + "*/"
}

var raw = `
// inside a raw string
`
