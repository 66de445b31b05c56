import { CaptureOpenError } from '../capture/errors.ts';
import { linkTypeLine } from '../capture/linkTypes.ts';
import { readCaptureList } from '../capture/list.ts';
import { openCapture, openCaptureReader } from '../capture/open.ts';
import type { CaptureReader } from '../capture/reader.ts';
import type { T2Args } from '../cli/args.ts';
import type { Monitor } from '../report/monitoring.ts';
import type { ReportWriter } from '../report/reportWriter.ts';
import { writeSnapshotLength } from '../report/startup.ts';
import type { CaptureRun } from './runCapture.ts';

/**
 * The files to read: one for -r, the list for -R. The first is opened now, as T2 checks it
 * before loading plugins, and plugins (pcapd) need its snapshot length in their init.
 */
export interface Input {
  files: string[];
  totalSize: number;
  first: CaptureReader;
  fromList: boolean;
}

export function prepareInput(args: T2Args, report: ReportWriter, error: (text: string) => void): Input {
  if (args.readFile !== undefined) {
    const opened = openCapture(args.readFile, (w) => report.wrn(w));
    return { files: [args.readFile], totalSize: opened.captureFileSize, first: opened.reader, fromList: false };
  }
  const list = readCaptureList(args.listFile!, { line: (l) => report.line(l), warn: (w) => report.wrn(w), error });
  const first = openCaptureReader(list.files[0], { nanoPrecision: false });
  return { ...list, first, fromList: true };
}

/**
 * Reads every input file as one capture. A later file that cannot be opened ends the reading
 * (T2 then runs its normal end sequence). Returns a fatal error text, if any.
 */
export async function readInput(
  input: Input,
  capName: string,
  run: CaptureRun,
  report: ReportWriter,
  monitor: Monitor,
  error: (text: string) => void,
): Promise<string | undefined> {
  if (input.fromList) report.line(`Processing list file: ${capName}`);
  for (let i = 0; i < input.files.length; i++) {
    const name = input.files[i];
    let reader = i === 0 ? input.first : undefined;
    if (!reader) {
      try {
        reader = openCaptureReader(name, { nanoPrecision: !input.fromList });
      } catch (e) {
        if (!(e instanceof CaptureOpenError)) throw e;
        error(e.message);
        return undefined;
      }
    }
    try {
      report.line(input.fromList ? `Processing file no. ${i + 1} of ${input.files.length}: ${name}` : `Processing file: ${name}`);
      report.line(linkTypeLine(reader.linkType));
      writeSnapshotLength(report, reader.snaplen);
      monitor.fileName = name;
      monitor.linkTypeLine = linkTypeLine(reader.linkType);
      monitor.snaplen = reader.snaplen;
      if (MACHINE_REPORT && i === 0) monitor.writeHeader();
      const failure = await run.read(reader);
      if (failure !== undefined) return failure;
    } finally {
      reader.close();
    }
  }
  return undefined;
}
