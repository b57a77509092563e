// The shapes of the replies the dashboard reads, mirroring each API's documentation.

// Prometheus HTTP API: https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview
export type PrometheusEnvelope<T> =
  | { status: 'success'; data: T; warnings?: string[] }
  | { status: 'error'; errorType: string; error: string; data?: T };

/** A sample: [unix seconds, value as text ("NaN" and "+Inf" included)]. */
export type SampleValue = [number, string];

// https://prometheus.io/docs/prometheus/latest/querying/api/#range-vectors
export interface RangeSeries {
  metric: Record<string, string>;
  values: SampleValue[];
}

// https://prometheus.io/docs/prometheus/latest/querying/api/#range-queries
export interface MatrixData {
  resultType: 'matrix';
  result: RangeSeries[];
}

// https://prometheus.io/docs/prometheus/latest/querying/api/#instant-vectors
export interface InstantSample {
  metric: Record<string, string>;
  value: SampleValue;
}

// https://prometheus.io/docs/prometheus/latest/querying/api/#instant-queries
export interface VectorData {
  resultType: 'vector';
  result: InstantSample[];
}

// https://prometheus.io/docs/prometheus/latest/querying/api/#querying-label-values
export type LabelValues = string[];

// OpenFaaS gateway GET /system/functions: FunctionListEntry in
// https://github.com/openfaas/faas/blob/master/api-docs/spec.openapi.yml
export interface FunctionListEntry {
  name: string;
  image: string;
  namespace?: string;
  invocationCount: number;
  replicas: number;
  availableReplicas: number;
}

// docs/api.md, door-manager `occupancy`.
export interface DoorCounts {
  total: number;
  free: number;
  occupied: number;
  out_of_service: number;
}

export interface Occupancy extends DoorCounts {
  by_size: Record<string, DoorCounts>;
  open_alarms: number;
}

// The dashboard server's own routes: GET /settings (metrics-ui/server/plugin.ts), /ops (server/opsRoutes.ts).
export interface DashboardSettings {
  scrape_interval_seconds: number;
  /** True in demo mode only: /ops answers, and the page shows the Doors panel and the test buttons. */
  ops: boolean;
}

export interface DemoParcel {
  external_id: string;
  reservation_id: number;
  door_id: number;
  status: string;
}

export interface CodeSent {
  status: number;
  display: string;
  door_id: number | null;
}

export interface CleanedUp {
  deleted: number;
  door_id: number;
  door_state: string;
}

/** Every failure of the dashboard server and of the functions: `{"error","message"}`. */
export interface ErrorReply {
  error: string;
  message: string;
}
