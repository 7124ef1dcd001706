/**
 * The flags of `dgen stream`, for its `--help` (compiler/cli/help.ts and stream.ts). Here, beside the
 * parsers of their values, so that the help text loads nothing else of the command.
 */
export const STREAM_USAGE = `Flags:
  --to TARGET           stdout | http(s)://host/path | nats://host:4222[/subject.prefix][?stream=NAME]
                        | redis://host:6379[/db][?stream=KEY] | mqtt://host:1883[/topic/prefix]
                        | amqp://user:pass@host:5672[/vhost][?queue=NAME] | kafka://host:9092[/topic]
  --rate R              events a second: 500/s, 30/m, 3600/h, or max (as fast as the target acknowledges)
  --count N             stop after N events
  --duration D          stop taking events after D of wall-clock time (500ms, 10s, 10m, 2h)
  --tables a,b          stream only these tables
  --event-time t.col    order table t's events by column c (repeatable); time-series tables go by tick
  --drop P%             drop P % of the events (deterministic per seed and event)
  --duplicate P%        send P % of the events twice
  --delay P%:D          hold P % of the events back by D (wall-clock)
  --reorder P%          swap P % of the events with the event after them
  --truth FILE          write the faults applied, one JSON line each
  --give-up D           how long to retry a message the target does not acknowledge (default 60s)
  --seed N              seed (default: the schema's)
  --rows TABLE=N        row count of a fixed-size table (repeatable)
  --scale X             multiply every fixed row count by X
  --param NAME=VALUE    a schema parameter (repeatable)
  --quiet               no progress display
  --no-cache            compile and bundle anew instead of using the compile cache
`;
