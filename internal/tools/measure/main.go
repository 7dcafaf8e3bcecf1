// Command measure runs a command and prints, on stderr as one JSON line, its
// wall time, CPU time and peak resident memory, for `make bench`:
//
//	measure -label build-1g -bytes 1073741824 -- corpus build ...
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"syscall"
	"time"
)

func main() {
	label := flag.String("label", "", "name of the measurement")
	bytes := flag.Int64("bytes", 0, "input size, to report MB/s")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "measure: no command")
		os.Exit(2)
	}
	cmd := exec.Command(flag.Arg(0), flag.Args()[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start).Seconds()
	res := map[string]any{"label": *label, "wall_s": round(wall), "ok": err == nil}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res["peak_rss_mb"] = round(float64(ru.Maxrss) / 1024)
		cpu := time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
		res["cpu_s"] = round(cpu)
		if *bytes > 0 && cpu > 0 {
			res["mb_per_cpu_s"] = round(float64(*bytes) / 1e6 / cpu)
		}
	}
	if *bytes > 0 {
		res["mb_per_s"] = round(float64(*bytes) / 1e6 / wall)
	}
	line, _ := json.Marshal(res)
	fmt.Fprintln(os.Stderr, string(line))
	if err != nil {
		os.Exit(1)
	}
}

func round(x float64) float64 { return float64(int64(x*100+0.5)) / 100 }
