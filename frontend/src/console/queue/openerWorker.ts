/// <reference lib="webworker" />
/**
 * Opens reports off the page's thread: a queue of a thousand reports is a thousand post-quantum
 * decapsulations, seconds of work that would freeze the console and leave the other cores idle.
 * It holds the identity only while a message is handled; the page terminates it when the key locks.
 */
import { openReport } from "./openReport";
import { problemOf } from "./problems";

export interface OpenRequest {
  id: number;
  identity: string;
  ciphertext: Uint8Array<ArrayBuffer>;
}

export type OpenAnswer = { id: number; report: unknown } | { id: number; problem: string };

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = async (event: MessageEvent<OpenRequest>) => {
  const { id, identity, ciphertext } = event.data;
  let answer: OpenAnswer;
  try {
    answer = { id, report: await openReport(ciphertext, identity) };
  } catch (error) {
    answer = { id, problem: problemOf(error) };
  }
  self.postMessage(answer);
};
