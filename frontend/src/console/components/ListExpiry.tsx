/** A banner for admins when the verified recipient list expires within 14 days: run the key ceremony. */
import { useEffect, useState } from "preact/hooks";

import { useConsole } from "../context";
import { t } from "../i18n";
import { expiryWarning } from "../keys/listExpiry";

export function ListExpiryBanner() {
  const { reviewer, recipientList } = useConsole();
  const [days, setDays] = useState<number | null>(null);
  const admin = reviewer.role === "admin";
  useEffect(() => {
    if (!admin) return;
    let live = true;
    recipientList().then(
      (list) => live && setDays(expiryWarning(list.notAfter, new Date())),
      () => live && setDays(null), // no verified list: the key screen and the phones say so
    );
    return () => {
      live = false;
    };
  }, [admin, recipientList]);
  if (!admin || days === null) return null;
  return (
    <p class="warning" role="alert" data-testid="list-expiry" data-days={days}>
      {t("listExpiry.warning", { days })}
    </p>
  );
}
