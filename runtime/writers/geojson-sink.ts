/**
 * GeoJSON (RFC 7946): one FeatureCollection per table. Each row is a Feature whose geometry comes from
 * the table's `geo:` line — a Point from `point(lon, lat)`, a LineString from `line(c)` (pairs, or a
 * flat array of numbers taken two by two) — and whose
 * properties are the other columns, typed exactly as in JSON output. A row whose coordinates are null
 * (or not finite) has `"geometry": null`, as has every row of a table without a `geo:` line.
 *
 *   {"type":"FeatureCollection","features":[
 *   {"type":"Feature","properties":{"id":1},"geometry":{"type":"Point","coordinates":[13.4,52.5]}}
 *   ]}
 */
import { formatUnits } from "../text/wide-decimal.js";
import type { ColumnMeta, GeoSpec } from "../contract.js";
import { ByteBuffer, encode } from "./byte-buffer.js";
import { JsonSink } from "./json-sink.js";
import type { ChunkSink, SinkFactory } from "./sinks.js";

const FEATURE_OPEN = encode('{"type":"Feature","properties":{');
const SEPARATOR = encode(",\n");
const NULL_GEOMETRY = encode('},"geometry":null}');

export class GeoJsonFormat implements SinkFactory {
  readonly extension = "geojson";
  readonly header = encode('{"type":"FeatureCollection","features":[\n');
  readonly footer = encode("\n]}\n");
  readonly separator = SEPARATOR;
  /** `"name":` per property column (a leading `,` after the first); geometry columns are left out. */
  private readonly keys: Uint8Array[];
  private readonly geoCols: readonly number[];

  constructor(
    columns: readonly ColumnMeta[],
    private readonly geo: GeoSpec | undefined,
  ) {
    const names = geo === undefined ? [] : geo.kind === "point" ? [geo.lon, geo.lat] : [geo.column];
    this.geoCols = names.map((n) => columns.findIndex((c) => c.name === n));
    let first = true;
    this.keys = columns.map((c, i) => {
      if (this.geoCols.includes(i)) return new Uint8Array(0);
      const key = encode((first ? "" : ",") + JSON.stringify(c.name) + ":");
      first = false;
      return key;
    });
  }

  create(out: ByteBuffer, startsFile: boolean): ChunkSink {
    return new GeoJsonSink(out, this.keys, this.geo?.kind, this.geoCols, startsFile);
  }
}

class GeoJsonSink extends JsonSink {
  private readonly coords: unknown[] = [];
  private firstFeature: boolean;

  constructor(
    private readonly buf: ByteBuffer,
    keys: readonly Uint8Array[],
    private readonly kind: "point" | "line" | undefined,
    private readonly geoCols: readonly number[],
    startsFile: boolean,
  ) {
    super(buf, keys, true, false);
    this.firstFeature = startsFile;
  }

  private isGeo(col: number, v: unknown): boolean {
    const k = this.geoCols.indexOf(col);
    if (k < 0) return false;
    this.coords[k] = v;
    return true;
  }

  override beginRow(): void {
    if (this.firstFeature) this.firstFeature = false;
    else this.buf.bytes(SEPARATOR);
    this.buf.bytes(FEATURE_OPEN);
    this.coords.length = 0;
  }
  override endRow(): void {
    const b = this.buf;
    const c = this.coords;
    if (this.kind === "point" && isCoordinate(c[0]) && isCoordinate(c[1])) {
      b.str('},"geometry":{"type":"Point","coordinates":[');
      b.float(c[0] as number);
      b.byte(44);
      b.float(c[1] as number);
      b.str("]}}");
    } else if (this.kind === "line" && linePositions(c[0]) !== undefined) {
      b.str('},"geometry":{"type":"LineString","coordinates":');
      b.str(JSON.stringify(linePositions(c[0])));
      b.str("}}");
    } else b.bytes(NULL_GEOMETRY);
    this.rows++;
  }
  override int(col: number, v: number): void {
    if (!this.isGeo(col, v)) super.int(col, v);
  }
  override bigint(col: number, v: bigint): void {
    if (!this.isGeo(col, Number(v))) super.bigint(col, v);
  }
  override float(col: number, v: number): void {
    if (!this.isGeo(col, v)) super.float(col, v);
  }
  override decimal(col: number, v: number, scale: number): void {
    if (!this.isGeo(col, v)) super.decimal(col, v, scale);
  }
  /** A wide decimal as a coordinate is its nearest double (GeoJSON positions are numbers); as a property, exact. */
  override decimalBig(col: number, v: bigint, scale: number): void {
    if (!this.isGeo(col, Number(formatUnits(v, scale)))) super.decimalBig(col, v, scale);
  }
  override array(col: number, v: readonly unknown[]): void {
    if (!this.isGeo(col, v)) super.array(col, v);
  }
  override nul(col: number): void {
    if (!this.isGeo(col, null)) super.nul(col);
  }
}

function isCoordinate(v: unknown): boolean {
  return typeof v === "number" && Number.isFinite(v);
}

/**
 * The positions of a line: an array of `[lon, lat]` pairs, or a flat array of numbers taken two by two
 * (`[lon1, lat1, lon2, lat2, …]`, what `array(…)` of numbers gives); at least two positions.
 */
function linePositions(v: unknown): unknown[] | undefined {
  if (!Array.isArray(v)) return undefined;
  if (v.length >= 2 && v.every(isPosition)) return v;
  if (v.length >= 4 && v.length % 2 === 0 && v.every(isCoordinate)) {
    return Array.from({ length: v.length / 2 }, (_, i) => [v[2 * i], v[2 * i + 1]]);
  }
  return undefined;
}

/** A `[lon, lat]` (or `[lon, lat, alt]`) position of finite numbers. */
function isPosition(p: unknown): boolean {
  return Array.isArray(p) && (p.length === 2 || p.length === 3) && p.every(isCoordinate);
}
