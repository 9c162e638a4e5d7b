/**
 * The body diagram's drawing (one side): the regions of bodyRegions.ts, the spine on the back, the
 * person's left and right, and numbered markers. The reporter app makes it tappable (BodyDiagram),
 * the console shows a report's injuries on it (console/detail/BodyMarks); each brings its own words.
 */
import type { JSX } from "preact";

import type { BodySide, Injury } from "../report/model";
import { HEIGHT, regions, WIDTH, type Region } from "./bodyRegions";

const MIRROR = `matrix(-1 0 0 1 ${WIDTH} 0)`;

export interface Marker {
  /** Only where it is: v1 and v2 injuries both fit. */
  injury: Pick<Injury, "id" | "x" | "y" | "region">;
  number: number;
}

interface Props {
  side: BodySide;
  markers: readonly Marker[];
  /** The person's right and left as letters (from the front, their right is on the reader's left). */
  letters: { right: string; left: string };
  label: string;
  /** Regions drawn as injured. */
  marked?: ReadonlySet<string>;
  selectedId?: string | null;
  markerTestId?: string;
  onClick?: (event: MouseEvent) => void;
  caption: JSX.Element | string;
}

function RegionShape({ region, marked }: { region: Region; marked: boolean }) {
  const className = marked ? "marked" : undefined;
  const shape =
    "ellipse" in region.shape ? (
      <ellipse
        class={className}
        cx={region.shape.ellipse[0]}
        cy={region.shape.ellipse[1]}
        rx={region.shape.ellipse[2]}
        ry={region.shape.ellipse[3]}
        data-region={region.id}
      />
    ) : (
      <path class={className} d={region.shape.path} data-region={region.id} />
    );
  return region.mirrored ? <g transform={MIRROR}>{shape}</g> : shape;
}

export function BodyDrawing({
  side,
  markers,
  letters,
  label,
  marked,
  selectedId,
  markerTestId,
  onClick,
  caption,
}: Props) {
  const [readerLeft, readerRight] = side === "front" ? [letters.right, letters.left] : [letters.left, letters.right];
  return (
    <figure class="body-figure">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-label={label}
        data-testid={`body-${side}`}
        onClick={onClick}
      >
        <g class="regions">
          {regions(side).map((region) => (
            <RegionShape key={region.id} region={region} marked={marked?.has(region.id) ?? false} />
          ))}
        </g>
        {side === "back" && <path class="spine" d="M100 84V248" />}
        <text class="lr" x={33} y={290} text-anchor="middle">
          {readerLeft}
        </text>
        <text class="lr" x={WIDTH - 33} y={290} text-anchor="middle">
          {readerRight}
        </text>
        {markers.map(({ injury, number }) => (
          <g
            key={injury.id}
            class={injury.id === selectedId ? "marker selected" : "marker"}
            data-testid={markerTestId}
            data-injury={injury.id}
            transform={`translate(${injury.x * WIDTH} ${injury.y * HEIGHT})`}
          >
            <circle r={11} />
            <text y={5} text-anchor="middle">
              {number}
            </text>
          </g>
        ))}
      </svg>
      <figcaption>{caption}</figcaption>
    </figure>
  );
}
