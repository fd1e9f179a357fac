// helmrender renders a Helm chart the way `helm template` does, for the few features siren's
// chart uses, because Helm itself is not packaged in Debian 12. It is a test tool, not a Helm
// replacement: Go's text/template with the Sprig function library (Debian's
// golang-github-masterminds-sprig-dev, the same library Helm uses), Helm's values coalescing
// (chart values.yaml, then each -f file, maps merged, null deletes a key) and Helm's own
// template functions as Helm 3 defines them: include, tpl, required, fail, toYaml, fromYaml,
// toJson, fromJson. The built-in objects are .Values, .Release, .Chart, .Template and
// .Capabilities (a fixed Kubernetes version). Not supported: subcharts, .Files, lookup,
// schema validation, hooks.
//
//	helmrender [-f values.yaml]... [-name release] [-notes] CHART_DIR
//
// Writes every rendered manifest as a YAML document headed "# Source: <chart>/templates/<file>";
// with -notes, only the rendered NOTES.txt. Exit code 1 on any template error.
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	"sigs.k8s.io/yaml"
)

type valueFiles []string

func (v *valueFiles) String() string     { return strings.Join(*v, ",") }
func (v *valueFiles) Set(s string) error { *v = append(*v, s); return nil }

func readYAML(path string) (map[string]interface{}, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	out := map[string]interface{}{}
	if err := yaml.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// coalesce merges src over dst as Helm does for user values over chart values.
func coalesce(dst, src map[string]interface{}) map[string]interface{} {
	for k, v := range src {
		if v == nil {
			delete(dst, k)
			continue
		}
		sub, isMap := v.(map[string]interface{})
		old, oldIsMap := dst[k].(map[string]interface{})
		if isMap && oldIsMap {
			dst[k] = coalesce(old, sub)
		} else {
			dst[k] = v
		}
	}
	return dst
}

func toYAML(v interface{}) string {
	data, err := yaml.Marshal(v)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(data), "\n")
}

func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := yaml.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func toJSON(v interface{}) string {
	data, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	return string(data)
}

func fromJSON(s string) map[string]interface{} {
	m := map[string]interface{}{}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		m["Error"] = err.Error()
	}
	return m
}

func main() {
	var files valueFiles
	flag.Var(&files, "f", "a values file (repeatable; later files win)")
	release := flag.String("name", "siren", "the release name")
	namespace := flag.String("namespace", "default", "the release namespace")
	notes := flag.Bool("notes", false, "render NOTES.txt instead of the manifests")
	flag.Parse()
	if flag.NArg() != 1 {
		fmt.Fprintln(os.Stderr, "usage: helmrender [-f values.yaml]... [-name release] [-notes] CHART_DIR")
		os.Exit(2)
	}
	if err := render(flag.Arg(0), files, *release, *namespace, *notes); err != nil {
		fmt.Fprintln(os.Stderr, "helmrender:", err)
		os.Exit(1)
	}
}

func render(dir string, files []string, release, namespace string, withNotes bool) error {
	chart, err := readYAML(filepath.Join(dir, "Chart.yaml"))
	if err != nil {
		return err
	}
	name, _ := chart["name"].(string)
	if name == "" {
		return errors.New("Chart.yaml has no name")
	}
	values, err := readYAML(filepath.Join(dir, "values.yaml"))
	if err != nil {
		return err
	}
	for _, f := range files {
		extra, err := readYAML(f)
		if err != nil {
			return err
		}
		values = coalesce(values, extra)
	}

	paths, err := filepath.Glob(filepath.Join(dir, "templates", "*"))
	if err != nil {
		return err
	}
	sort.Strings(paths)
	t := template.New("chart")
	funcs := sprig.TxtFuncMap()
	delete(funcs, "env")
	delete(funcs, "expandenv")
	included := map[string]int{}
	funcs["include"] = func(name string, data interface{}) (string, error) {
		if included[name] > 1000 {
			return "", fmt.Errorf("include %q: too deep", name)
		}
		included[name]++
		defer func() { included[name]-- }()
		var buf strings.Builder
		err := t.ExecuteTemplate(&buf, name, data)
		return buf.String(), err
	}
	funcs["tpl"] = func(text string, data interface{}) (string, error) {
		clone, err := t.Clone()
		if err != nil {
			return "", err
		}
		parsed, err := clone.New("tpl").Parse(text)
		if err != nil {
			return "", err
		}
		var buf strings.Builder
		err = parsed.Execute(&buf, data)
		return strings.ReplaceAll(buf.String(), "<no value>", ""), err
	}
	funcs["required"] = func(warn string, val interface{}) (interface{}, error) {
		if val == nil {
			return val, errors.New(warn)
		}
		if s, ok := val.(string); ok && s == "" {
			return val, errors.New(warn)
		}
		return val, nil
	}
	funcs["fail"] = func(msg string) (string, error) { return "", errors.New(msg) }
	funcs["toYaml"] = toYAML
	funcs["fromYaml"] = fromYAML
	funcs["toJson"] = toJSON
	funcs["fromJson"] = fromJSON
	t.Funcs(funcs).Option("missingkey=zero")

	base := name + "/templates"
	var order []string
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		tname := base + "/" + filepath.Base(p)
		if _, err := t.New(tname).Parse(string(data)); err != nil {
			return err
		}
		order = append(order, tname)
	}

	chartObj := map[string]interface{}{
		"Name":        name,
		"Version":     chart["version"],
		"AppVersion":  chart["appVersion"],
		"APIVersion":  chart["apiVersion"],
		"Description": chart["description"],
		"Type":        chart["type"],
	}
	top := func(tname string) map[string]interface{} {
		return map[string]interface{}{
			"Values": values,
			"Chart":  chartObj,
			"Release": map[string]interface{}{
				"Name": release, "Namespace": namespace, "Service": "Helm",
				"IsInstall": true, "IsUpgrade": false, "Revision": 1,
			},
			"Capabilities": map[string]interface{}{
				"KubeVersion": map[string]interface{}{"Version": "v1.29.0", "Major": "1", "Minor": "29"},
				"APIVersions": []string{"v1", "apps/v1"},
			},
			"Template": map[string]interface{}{"Name": tname, "BasePath": base},
		}
	}

	var out bytes.Buffer
	var notesText string
	for _, tname := range order {
		file := filepath.Base(tname)
		if strings.HasPrefix(file, "_") {
			continue
		}
		var buf strings.Builder
		if err := t.ExecuteTemplate(&buf, tname, top(tname)); err != nil {
			return err
		}
		text := strings.ReplaceAll(buf.String(), "<no value>", "")
		if file == "NOTES.txt" {
			notesText = text
			continue
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		fmt.Fprintf(&out, "---\n# Source: %s\n%s\n", tname, strings.TrimRight(text, "\n"))
	}
	if withNotes {
		_, err = os.Stdout.WriteString(notesText)
		return err
	}
	_, err = os.Stdout.Write(out.Bytes())
	return err
}
