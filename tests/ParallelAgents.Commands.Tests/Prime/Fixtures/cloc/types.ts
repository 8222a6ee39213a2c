import { readFile } from "fs";
import type { Thing } from "./thing";

/**
 * Docs with a URL http://example.com and a marker.
 */
export interface Shape { area(): number; }

export class Square implements Shape {
  constructor(private side: number) {}   // inline
  area(): number { return this.side * this.side; }
}

/* unterminated block at the end
