import type { Schema, Struct } from '@strapi/strapi';

export interface ContactAddress extends Struct.ComponentSchema {
  collectionName: 'components_contact_addresses';
  info: {
    description: 'Postal address of a clinic, used on pages and in LocalBusiness structured data.';
    displayName: 'Address';
    icon: 'pinMap';
  };
  attributes: {
    city: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 100;
      }>;
    postalCode: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 10;
      }>;
    state: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 2;
        minLength: 2;
      }>;
    street: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface ContactClosure extends Struct.ComponentSchema {
  collectionName: 'components_contact_closures';
  info: {
    description: 'Days the clinic is closed (holidays): from, to (inclusive; empty for one day) and a label patients see.';
    displayName: 'Closure';
    icon: 'calendar';
  };
  attributes: {
    from: Schema.Attribute.Date & Schema.Attribute.Required;
    label: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
    to: Schema.Attribute.Date;
  };
}

export interface ContactGeo extends Struct.ComponentSchema {
  collectionName: 'components_contact_geos';
  info: {
    description: 'Latitude and longitude of the clinic entrance, for maps and structured data.';
    displayName: 'Geo coordinates';
    icon: 'earth';
  };
  attributes: {
    lat: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 90;
          min: -90;
        },
        number
      >;
    lng: Schema.Attribute.Float &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMax<
        {
          max: 180;
          min: -180;
        },
        number
      >;
  };
}

export interface ContactOpeningHours extends Struct.ComponentSchema {
  collectionName: 'components_contact_opening_hours';
  info: {
    description: 'Weekly opening periods (two on one day make a break), holiday closures, and the time zone they are in.';
    displayName: 'Opening hours';
    icon: 'clock';
  };
  attributes: {
    closures: Schema.Attribute.Component<'contact.closure', true>;
    periods: Schema.Attribute.Component<'contact.opening-period', true>;
    timeZone: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 64;
      }> &
      Schema.Attribute.DefaultTo<'America/Chicago'>;
  };
}

export interface ContactOpeningPeriod extends Struct.ComponentSchema {
  collectionName: 'components_contact_opening_periods';
  info: {
    description: "One day's opening and closing time; add a second period on the same day for a lunch break.";
    displayName: 'Opening period';
    icon: 'clock';
  };
  attributes: {
    closes: Schema.Attribute.Time & Schema.Attribute.Required;
    day: Schema.Attribute.Enumeration<
      [
        'monday',
        'tuesday',
        'wednesday',
        'thursday',
        'friday',
        'saturday',
        'sunday',
      ]
    > &
      Schema.Attribute.Required;
    opens: Schema.Attribute.Time & Schema.Attribute.Required;
  };
}

export interface ContentFaq extends Struct.ComponentSchema {
  collectionName: 'components_content_faqs';
  info: {
    description: 'A question patients ask, with a short plain-language answer. Published as FAQ structured data.';
    displayName: 'FAQ';
    icon: 'question';
  };
  attributes: {
    answer: Schema.Attribute.Text & Schema.Attribute.Required;
    question: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
  };
}

export interface ContentReviewer extends Struct.ComponentSchema {
  collectionName: 'components_content_reviewers';
  info: {
    description: 'The clinician who reviewed the page for medical accuracy.';
    displayName: 'Medical reviewer';
    icon: 'user';
  };
  attributes: {
    credentials: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    name: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

export interface ContentStep extends Struct.ComponentSchema {
  collectionName: 'components_content_steps';
  info: {
    description: 'One step of a procedure, in the order the patient experiences it.';
    displayName: 'Step';
    icon: 'bulletList';
  };
  attributes: {
    body: Schema.Attribute.Text;
    title: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 120;
      }>;
  };
}

export interface OrganizationContactPoint extends Struct.ComponentSchema {
  collectionName: 'components_organization_contact_points';
  info: {
    description: 'A number patients call for one purpose: schema.org ContactPoint (shown on the home page).';
    displayName: 'Contact point';
    icon: 'phone';
  };
  attributes: {
    areaServed: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
    contactType: Schema.Attribute.Enumeration<
      ['customer_service', 'reservations', 'billing', 'emergency']
    > &
      Schema.Attribute.Required &
      Schema.Attribute.DefaultTo<'customer_service'>;
    languages: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
    telephone: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 30;
      }>;
  };
}

export interface OrganizationOrganization extends Struct.ComponentSchema {
  collectionName: 'components_organization_organizations';
  info: {
    description: 'The clinic group behind the site, as search engines should know it: its home page carries it and every clinic names it as parent.';
    displayName: 'Organization';
    icon: 'building';
  };
  attributes: {
    contactPoints: Schema.Attribute.Component<
      'organization.contact-point',
      true
    >;
    legalName: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    logo: Schema.Attribute.Media<'images'>;
    profiles: Schema.Attribute.Component<'organization.profile', true>;
  };
}

export interface OrganizationProfile extends Struct.ComponentSchema {
  collectionName: 'components_organization_profiles';
  info: {
    description: "One of the group's official profiles elsewhere (Google Business Profile, Facebook, LinkedIn, Wikipedia\u2026): schema.org sameAs.";
    displayName: 'Profile';
    icon: 'link';
  };
  attributes: {
    url: Schema.Attribute.String &
      Schema.Attribute.Required &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 300;
      }>;
  };
}

export interface SharedSeo extends Struct.ComponentSchema {
  collectionName: 'components_shared_seos';
  info: {
    description: 'How the page appears in search results and when shared. Leave fields empty to let the site compose sensible defaults.';
    displayName: 'SEO';
    icon: 'search';
  };
  attributes: {
    canonicalPath: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 200;
      }>;
    metaDescription: Schema.Attribute.Text &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 160;
      }>;
    metaTitle: Schema.Attribute.String &
      Schema.Attribute.SetMinMaxLength<{
        maxLength: 60;
      }>;
    noIndex: Schema.Attribute.Boolean & Schema.Attribute.DefaultTo<false>;
    ogImage: Schema.Attribute.Media<'images'>;
  };
}

declare module '@strapi/strapi' {
  export namespace Public {
    export interface ComponentSchemas {
      'contact.address': ContactAddress;
      'contact.closure': ContactClosure;
      'contact.geo': ContactGeo;
      'contact.opening-hours': ContactOpeningHours;
      'contact.opening-period': ContactOpeningPeriod;
      'content.faq': ContentFaq;
      'content.reviewer': ContentReviewer;
      'content.step': ContentStep;
      'organization.contact-point': OrganizationContactPoint;
      'organization.organization': OrganizationOrganization;
      'organization.profile': OrganizationProfile;
      'shared.seo': SharedSeo;
    }
  }
}
