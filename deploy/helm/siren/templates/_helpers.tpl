{{/* The chart's name, or nameOverride. */}}
{{- define "siren.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The name of every object of the release: fullnameOverride, else <release>-siren, or just
the release name when it already contains the chart's name. */}}
{{- define "siren.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "siren.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "siren.selectorLabels" -}}
app.kubernetes.io/name: {{ include "siren.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "siren.labels" -}}
helm.sh/chart: {{ include "siren.chart" . }}
{{ include "siren.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The Secret siren's environment comes from. */}}
{{- define "siren.secretName" -}}
{{- default (include "siren.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "siren.claimName" -}}
{{- default (include "siren.fullname" .) .Values.persistence.existingClaim }}
{{- end }}

{{/* Where the image keeps its database and reads its configuration (deploy/Dockerfile). */}}
{{- define "siren.dataDir" -}}/var/lib/siren{{- end }}
{{- define "siren.configDir" -}}/etc/siren{{- end }}

{{/* siren.yaml: the values' config with the keys the chart must own set. */}}
{{- define "siren.config" -}}
{{- $owned := dict
      "http" (dict "listen" (printf "0.0.0.0:%d" (int .Values.containerPort)))
      "store" (dict "path" (printf "%s/siren.db" (include "siren.dataDir" .))) }}
{{- toYaml (mustMergeOverwrite (deepCopy (.Values.config | default dict)) $owned) }}
{{- end }}
