/** The Engine the screens talk to (./engine.ts): handed down from main.tsx, replaced in tests. */
import { createContext } from "preact";
import { useContext } from "preact/hooks";

import type { Engine } from "./engine";

export const EngineContext = createContext<Engine | null>(null);

export function useEngine(): Engine {
  const engine = useContext(EngineContext);
  if (!engine) throw new Error("useEngine outside <EngineContext.Provider>");
  return engine;
}
