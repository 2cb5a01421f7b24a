import { test } from 'node:test';
import assert from 'node:assert/strict';
import { baseFuncs, renderTemplate, sprintf, withArity, type FuncMap } from '../../../src/template/index.js';

const env = { TAG: 'v1.2.3', EMPTY: '', IMAGE: 'nginx', REGION: 'ap-northeast-1' };

/** A tfstate lookup as the tfstate plugin provides it, over a fixed state. */
const state: Record<string, string> = {
  'aws_subnet.private["az-a"].id': 'subnet-aaa',
  'aws_ecs_cluster.main.name': 'main',
};
const tfstate = withArity((addr: string) => {
  const v = state[addr.replace(/'/g, '"')];
  if (v === undefined) throw new Error(`${addr} is not found in tfstate`);
  return v;
}, 1);
const funcs: FuncMap = {
  ...baseFuncs(env),
  tfstate,
  tfstatef: withArity((format: string, ...args: unknown[]) => tfstate(sprintf(format, args)), 1, Infinity),
  upper: (s: string) => s.toUpperCase(),
  add: (a: number, b: number) => a + b,
  nothing: () => undefined,
};

const data = {
  name: 'web',
  count: 3,
  price: 9.5,
  zero: 0,
  empty: '',
  nothing: null,
  list: ['a', 'b', 'c'],
  nums: [1, 2, 3],
  emptyList: [],
  map: { b: 2, a: 1, c: 3 },
  emptyMap: {},
  nested: { inner: { value: 'deep' }, list: [{ id: 'x' }, { id: 'y' }] },
  flag: true,
  html: '<b>"hi"</b>',
};

const cases: [string, string, unknown?][] = [
  // --- text, actions, trim markers, comments
  ['plain text', 'plain text'],
  ['a {{ "b" }} c', 'a b c'],
  ['a  {{- "b" -}}  c', 'abc'],
  ['a \n\t {{- "b" }}', 'ab'],
  ['{{ "b" -}} \n\n c', 'bc'],
  ['{{-3}}', '-3'],
  ['{{ 3 -}}{{- 4 }}', '34'],
  ['x {{/* a comment */}} y', 'x  y'],
  ['x {{- /* trimmed comment */ -}} y', 'xy'],
  ['x {{/* multi\nline */}}y', 'x y'],
  ['{{ "a" }}{{/* c */}}{{ "b" }}', 'ab'],
  ['{{\n  "multi-line action"\n}}', 'multi-line action'],
  ['{{- "a" }}\n{{- "b" }}\n', 'ab\n'],
  ['{\n{ "not an action" }}', '{\n{ "not an action" }}'],
  // --- literals
  ['{{ "tab\\there" }}', 'tab\there'],
  ['{{ "\\u00e9\\x41\\101\\"" }}', 'éAA"'],
  ['{{ "\\xe3\\x81\\x82" }}', 'あ'],
  ['{{ `raw \\n {{ not parsed }}` }}', 'raw \\n {{ not parsed }}'],
  ["{{ 'a' }} {{ '\\n' }} {{ '☺' }}", '97 10 9786'],
  ['{{ 42 }} {{ -7 }} {{ +5 }} {{ 0x1F }} {{ 0o17 }} {{ 017 }} {{ 0b101 }} {{ 1_000_000 }}', '42 -7 5 31 15 15 5 1000000'],
  ['{{ 1.5 }} {{ 2.0 }} {{ .5 }} {{ 1e3 }} {{ 0x1p4 }}', '1.5 2 0.5 1000 16'],
  ['{{ true }} {{ false }}', 'true false'],
  ['{{ print nil }}', '<nil>'],
  // --- fields, dot, maps, variables
  ['{{ .name }}', 'web', data],
  ['{{ . }}', 'plain', 'plain'],
  ['{{ .nested.inner.value }}', 'deep', data],
  ['{{ .missing }}', '<no value>', data],
  ['{{ .missing.deeper }}', '<no value>', data],
  ['{{ .nothing }}', '<no value>', data],
  ['{{ .name }}', '<no value>', undefined],
  ['{{ .map }}', 'map[a:1 b:2 c:3]', data],
  ['{{ .nums }} {{ .list }} {{ .emptyList }} {{ .emptyMap }}', '[1 2 3] [a b c] [] map[]', data],
  ['{{ .price }} {{ .count }}', '9.5 3', data],
  ['{{ $x := .name }}{{ $x }}', 'web', data],
  ['{{ $x := 1 }}{{ $x = 2 }}{{ $x }}', '2'],
  ['{{ $ }}', 'top', 'top'],
  ['{{ $.name }}', 'web', data],
  ['{{ $n := .nested }}{{ $n.inner.value }}', 'deep', data],
  ['{{ (index .nested.list 1).id }}', 'y', data],
  ['{{ with $x := "v" }}{{ $x }}{{ end }}', 'v'],
  ['{{ $x := "outer" }}{{ if true }}{{ $x := "inner" }}{{ $x }}{{ end }} {{ $x }}', 'inner outer'],
  ['{{ $x := 0 }}{{ range .nums }}{{ $x = . }}{{ end }}{{ $x }}', '3', data],
  ['{{ $v := .nothing }}{{ $v.field }}', '<no value>', data],
  // --- pipelines
  ['{{ "hi" | upper }}', 'HI'],
  ['{{ .name | printf "%s-%s" "svc" }}', 'svc-web', data],
  ['{{ 1 | add 2 | printf "%d" }}', '3'],
  ['{{ printf "%s" (upper "x") }}', 'X'],
  ['{{ (printf "%d" 5) }}', '5'],
  ['{{ ("a") }}', 'a'],
  ['{{ len (slice .list 1) }}', '2', data],
  ['{{ nothing }}', '<no value>'],
  ['{{ printf "%v" .missing }}', '<nil>', data],
  // --- if / else if / else
  ['{{ if .flag }}yes{{ end }}', 'yes', data],
  ['{{ if .zero }}yes{{ else }}no{{ end }}', 'no', data],
  ['{{ if .empty }}a{{ else if .emptyList }}b{{ else if .emptyMap }}c{{ else }}d{{ end }}', 'd', data],
  ['{{ if .missing }}a{{ else if .count }}b{{ end }}', 'b', data],
  ['{{ if .nothing }}a{{ else }}b{{ end }}', 'b', data],
  ['{{ if .nums }}a{{ end }}{{ if .map }}b{{ end }}{{ if .name }}c{{ end }}', 'abc', data],
  ['{{ if $x := .name }}{{ $x }}{{ else }}{{ $x }}none{{ end }}', 'web', data],
  ['{{ if and .flag .count }}both{{ end }}', 'both', data],
  ['{{ if or .zero .empty }}any{{ else }}none{{ end }}', 'none', data],
  ['{{ if not .zero }}zero{{ end }}', 'zero', data],
  // --- range
  ['{{ range .list }}[{{ . }}]{{ end }}', '[a][b][c]', data],
  ['{{ range $i, $v := .list }}{{$i}}={{$v}} {{end}}', '0=a 1=b 2=c ', data],
  ['{{ range $v := .list }}{{ $v }}{{ end }}', 'abc', data],
  ['{{ range $k, $v := .map }}{{ $k }}:{{ $v }};{{ end }}', 'a:1;b:2;c:3;', data],
  ['{{ range .map }}{{ . }}{{ end }}', '123', data],
  ['{{ range .emptyList }}x{{ else }}empty{{ end }}', 'empty', data],
  ['{{ range .missing }}x{{ else }}none{{ end }}', 'none', data],
  ['{{ range 3 }}{{ . }}{{ end }}', '012'],
  ['{{ range $i := 2 }}{{ $i }}{{ end }}', '01'],
  ['{{ range 0 }}x{{ else }}zero{{ end }}', 'zero'],
  ['{{ range .nums }}{{ if eq . 2 }}{{ break }}{{ end }}{{ . }}{{ end }}', '1', data],
  ['{{ range .nums }}{{ if eq . 2 }}{{ continue }}{{ end }}{{ . }}{{ end }}', '13', data],
  ['{{ range .nested.list }}{{ .id }}{{ end }}', 'xy', data],
  ['{{ range $i, $e := .nums }}{{ range $.list }}{{ $i }}{{ . }}{{ end }} {{ end }}', '0a0b0c 1a1b1c 2a2b2c ', data],
  ['{{ range .nums }}{{ $x := . }}{{ $x }}{{ end }}', '123', data],
  ['{{ $i := 9 }}{{ $v := "" }}{{ range $i, $v = .list }}{{ end }}{{ $i }}{{ $v }}', '2c', data],
  ['{{ $k := "" }}{{ $v := "" }}{{ range $k, $v = .map }}{{ end }}{{ $k }}{{ $v }}', 'c3', data],
  // --- with
  ['{{ with .nested.inner }}{{ .value }}{{ end }}', 'deep', data],
  ['{{ with .missing }}x{{ else }}fallback{{ end }}', 'fallback', data],
  ['{{ with .missing }}a{{ else with .name }}{{ . }}{{ else }}c{{ end }}', 'web', data],
  ['{{ with .zero }}a{{ else with .empty }}b{{ else }}c{{ end }}', 'c', data],
  // --- define / template / block
  ['{{ define "t" }}<{{ . }}>{{ end }}{{ template "t" "x" }}{{ template "t" }}', '<x><<no value>>'],
  ['{{ block "b" .name }}[{{ . }}]{{ end }}', '[web]', data],
  ['{{ define "T" }}{{ $ }}{{ end }}{{ template "T" .count }}', '3', data],
  // --- comparison and logic builtins
  ['{{ eq 1 1 }} {{ eq 1 2 }} {{ eq "a" "a" }} {{ eq .name "web" }}', 'true false true true', data],
  ['{{ eq 3 1 2 3 }} {{ eq 3 1 2 }}', 'true false'],
  ['{{ ne 1 2 }} {{ ne "a" "a" }}', 'true false'],
  ['{{ lt 1 2 }} {{ le 2 2 }} {{ gt 3 2 }} {{ ge 1 2 }} {{ lt "a" "b" }}', 'true true true false true'],
  ['{{ eq .nothing nil }} {{ eq .name nil }}', 'true false', data],
  ['{{ and 1 "x" }} {{ and 1 0 "x" }} {{ or 0 "" "z" }} {{ or 0 "" }}', 'x 0 z '],
  ['{{ and .zero (index .missing 1) }}', '0', data],
  ['{{ or .name (index .missing 1) }}', 'web', data],
  ['{{ not 0 }} {{ not "" }} {{ not .list }}', 'true true false', data],
  // --- len, index, slice
  ['{{ len .list }} {{ len .map }} {{ len "abc" }} {{ len "héllo" }}', '3 3 3 6', data],
  ['{{ index .list 1 }} {{ index .map "b" }} {{ index .nested "inner" "value" }}', 'b 2 deep', data],
  ['{{ index .map "zz" }}', '<no value>', data],
  ['{{ index "abc" 1 }}', '98'],
  ['{{ slice .list 1 }} {{ slice .list 0 2 }} {{ slice .list }} {{ slice "hello" 1 4 }}', '[b c] [a b] [a b c] ell', data],
  // --- printing and escaping builtins
  ['{{ print "a" 1 2 "b" }}', 'a1 2b'],
  ['{{ println "a" 1 }}', 'a 1\n'],
  ['{{ printf "%05.1f" 3.14159 }}', '003.1'],
  ['{{ html .html }}', '&lt;b&gt;&#34;hi&#34;&lt;/b&gt;', data],
  ['{{ html .missing }}', '&lt;no value&gt;', data],
  ["{{ js \"it's <a> & b=c\\n\" }}", "it\\'s \\u003Ca\\u003E \\u0026 b\\u003Dc\\u000A"],
  ['{{ urlquery "a b&c=d/é" }}', 'a+b%26c%3Dd%2F%C3%A9'],
  ['{{ call .fn 2 3 }}', '5', { fn: (a: number, b: number) => a + b }],
  // --- env / must_env / json_escape (kayac/go-config semantics)
  ['{{ env "TAG" }}', 'v1.2.3'],
  ['{{ env "UNSET_VAR" }}', 'UNSET_VAR'],
  ['{{ env "UNSET_VAR" "default" }}', 'default'],
  ['{{ env "EMPTY" "fallback" }}', 'fallback'],
  ['{{ env "UNSET_VAR" "TAG" }}', 'v1.2.3'],
  ['{{ env "UNSET_A" "UNSET_B" "last" }}', 'last'],
  ['{{ env }}', ''],
  ['{{ must_env "EMPTY" }}|', '|'],
  ['{{ json_escape "say \\"hi\\"\\n<&>\\t\\\\" }}', 'say \\"hi\\"\\n\\u003c\\u0026\\u003e\\t\\\\'],
  ['{{ .name | json_escape }}', 'web', data],
  // --- ecspresso usages
  ['"image": "{{ must_env `IMAGE` }}:{{ must_env `TAG` }}"', '"image": "nginx:v1.2.3"'],
  ['{{ env `TAG` `latest` }} {{ env `NO_TAG` `latest` }}', 'v1.2.3 latest'],
  ["{{ tfstatef `aws_subnet.private['%s'].id` `az-a` }}", 'subnet-aaa'],
  ['{{ tfstate `aws_ecs_cluster.main.name` }}', 'main'],
  ['region: {{ env "AWS_REGION" "REGION" }}', 'region: ap-northeast-1'],
  [
    '{\n  "family": "{{ must_env `IMAGE` }}",\n  {{- if env "EMPTY" "" }}\n  "x": 1,\n  {{- end }}\n  "cpu": "256"\n}',
    '{\n  "family": "nginx",\n  "cpu": "256"\n}',
  ],
];

for (const [tmpl, want, d] of cases) {
  test(`render ${JSON.stringify(tmpl)}`, () => {
    assert.equal(renderTemplate(tmpl, { file: 't.tmpl', funcs, data: d }), want);
  });
}
