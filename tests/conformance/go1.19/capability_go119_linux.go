// Stand-ins for Go 1.21's sync.OnceValues and strings.CutPrefix in the vendored github.com/moby/sys/capability, so
// that the suite builds with Debian 12's Go 1.19. The build script renames the calls in capability_linux.go to these.
package capability

import (
	"strings"
	"sync"
)

func go119OnceValues[A, B any](compute func() (A, B)) func() (A, B) {
	var once sync.Once
	var first A
	var second B
	return func() (A, B) {
		once.Do(func() { first, second = compute() })
		return first, second
	}
}

func go119CutPrefix(s, prefix string) (string, bool) {
	if !strings.HasPrefix(s, prefix) {
		return s, false
	}
	return strings.TrimPrefix(s, prefix), true
}
