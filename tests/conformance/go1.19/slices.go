// Stand-in for the three functions of Go 1.21's standard "slices" package that runtime-tools uses, so that the suite
// builds with Debian 12's Go 1.19. Copied into the extracted suite as vendor/slices (a vendored module of that path).
package slices

// Index is the position of the first element equal to v, or -1.
func Index[S ~[]E, E comparable](s S, v E) int {
	for i := range s {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// Contains reports whether v is an element of s.
func Contains[S ~[]E, E comparable](s S, v E) bool {
	return Index(s, v) != -1
}

// DeleteFunc drops the elements for which del is true, in place, and returns the shortened slice.
func DeleteFunc[S ~[]E, E any](s S, del func(E) bool) S {
	kept := 0
	for i := range s {
		if !del(s[i]) {
			s[kept] = s[i]
			kept++
		}
	}
	return s[:kept]
}
