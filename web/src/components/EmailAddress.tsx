import { Fragment } from "react";

/**
 * An email address that wraps on a narrow screen before its "@" and its dots, as addresses
 * are broken in print, rather than mid-word; copied, it is the address as typed.
 */
export function EmailAddress({ address, className = "" }: { address: string; className?: string }) {
  const parts = address.split(/(?=[@.])/);
  return (
    <span className={`email ${className}`.trim()}>
      {parts.map((part, index) => (
        // The parts of one address never change order: their index is their identity.
        <Fragment key={index}>
          {index ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </span>
  );
}
