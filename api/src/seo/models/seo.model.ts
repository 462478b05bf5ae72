import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A link to the same page in another language (hreflang).' })
export class HreflangAlternate {
  @Field({ description: 'BCP 47 tag, e.g. en-US, es-US, or x-default.' }) hreflang: string;
  @Field() url: string;
}

@ObjectType({ description: 'A finished SEO payload: render it as-is in <head>.' })
export class Seo {
  @Field({ description: '<title>, ≤ 60 characters where possible.' }) title: string;
  @Field({ description: 'Meta description, ≤ 160 characters.' }) description: string;
  @Field({ description: "Absolute canonical URL on the calling site's domain." }) canonicalUrl: string;
  @Field({ description: 'Meta robots, e.g. "index, follow".' }) robots: string;
  @Field({
    description:
      'schema.org JSON-LD, as a JSON string safe to inline as-is in <script type="application/ld+json">: <, >, &, U+2028 and U+2029 are written as \\u003c, \\u003e, \\u0026, \\u2028 and \\u2029 (the same JSON value once parsed).',
  })
  jsonLd: string;
  @Field(() => [HreflangAlternate]) alternates: HreflangAlternate[];
  @Field(() => String, { nullable: true }) ogImage: string | null;
}
