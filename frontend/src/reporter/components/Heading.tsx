/** A screen's (or step's) h1, focused when it appears so that a screen reader starts there. */
import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";

let firstScreen = true;

export function Heading({ children }: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // The first screen after opening the app keeps the browser's own starting point.
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    window.scrollTo(0, 0);
    ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
