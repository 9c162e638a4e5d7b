/** A screen whose code is a chunk of its own (kept out of the first load): "Loading…" until it arrives. */
import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";

import { t } from "../i18n";

export function Lazy<P extends object>({ load, props }: { load: () => Promise<FunctionComponent<P>>; props: P }) {
  const [Component, setComponent] = useState<FunctionComponent<P> | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (loaded) => live && setComponent(() => loaded),
      (error: unknown) => console.error(error),
    );
    return () => {
      live = false;
    };
  }, [load]);
  return Component ? <Component {...props} /> : <p class="hint">{t("app.loading")}</p>;
}
