// Stand-in for Go 1.21's sync.OnceValue in runtime-tools' validate/capabilities, so that the suite builds with
// Debian 12's Go 1.19. The build script renames the calls in validate.go to this one.
package capabilities

import "sync"

func go119OnceValue[T any](compute func() T) func() T {
	var once sync.Once
	var value T
	return func() T {
		once.Do(func() { value = compute() })
		return value
	}
}
