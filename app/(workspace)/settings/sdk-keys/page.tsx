import type { Metadata } from "next";
import { SdkKeysView } from "@/components/settings/sdk-keys-view";

export const metadata: Metadata = { title: "SDK keys" };

export default function SdkKeysPage() {
  return <SdkKeysView />;
}
