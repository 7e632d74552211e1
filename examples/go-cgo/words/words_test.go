package words

import (
	"runtime"
	"testing"
)

func TestReverseASCII(t *testing.T) {
	if got := Reverse("crosskit"); got != "tikssorc" {
		t.Fatalf("Reverse = %q", got)
	}
}

func TestReverseUnicode(t *testing.T) {
	if got := Reverse("héllo, 世界"); got != "界世 ,olléh" {
		t.Fatalf("Reverse = %q", got)
	}
}

func TestCount(t *testing.T) {
	cases := map[string]int{"": 0, "one": 1, "  two  words ": 2, "a\tb\nc": 3}
	for in, want := range cases {
		if got := Count(in); got != want {
			t.Errorf("Count(%q) = %d, want %d", in, got, want)
		}
	}
}

// The test binary really runs as the target: GOARCH is compiled in.
func TestRunsAsTarget(t *testing.T) {
	t.Logf("running as %s/%s", runtime.GOOS, runtime.GOARCH)
}
